using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>Looks for one kind of generation trace in a file's metadata.</summary>
public interface ITraceDetector
{
    IEnumerable<Evidence> Detect(MediaMetadata metadata);
}
