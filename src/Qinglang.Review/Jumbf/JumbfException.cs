namespace Qinglang.Review.Jumbf;

/// <summary>JUMBF boxes whose lengths or description boxes do not hold together.</summary>
public sealed class JumbfException(string message) : Exception(message);
