namespace Qinglang.Text.Matching;

/// <summary>
/// A hit in normalized text: <c>[Start, End)</c> are UTF-16 offsets into the text that was matched (the normalized
/// text, not the original) and <see cref="EntryId"/> indexes <see cref="Lexicons.Lexicon.Entries"/>.
/// </summary>
public readonly record struct LexiconMatch(int Start, int End, int EntryId);
