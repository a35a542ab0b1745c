namespace Qinglang.Labels.IO;

/// <summary>
/// A temporary file that will be renamed over an existing one. Kernel copies into it start the write-out of each
/// range as soon as it is copied (<see cref="KernelCopy"/>), so the disk works while the copy runs: the rename over
/// the old file — which on ext4 forces out whatever of the new file is still only in memory, so that a crash cannot
/// leave an empty file under the old name — then finds almost nothing left to write.
/// </summary>
internal sealed class WritebackFileStream(string path, FileStreamOptions options) : FileStream(path, options);
