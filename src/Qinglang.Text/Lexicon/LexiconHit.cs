namespace Qinglang.Text.Lexicons;

/// <summary>
/// One lexicon hit as a plain value: <c>[Start, End)</c> are UTF-16 offsets in the ORIGINAL text (already mapped
/// back through the normalizer) and <see cref="EntryId"/> indexes <see cref="Lexicon.Entries"/>. What
/// <see cref="LexiconDetector.ScanHits"/> reports, so a dense scan costs no object per hit.
/// </summary>
public readonly record struct LexiconHit(int Start, int End, int EntryId);
