using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Labels.IO;

/// <summary>
/// Linux O_TMPFILE: a new file without a name in a folder, linked under a name only once it is complete. ext4 picks
/// a named file's inode while holding the folder's lock, so every other create and rename in that folder waits — and
/// with many recently deleted files the pick scans long (ext4 without a journal skips them one by one). An unnamed
/// file's inode is picked without that lock, so workers labeling one folder overlap. A file never linked vanishes
/// with its handle: no temporary file is left behind whatever fails.
/// </summary>
internal static class UnnamedFile
{
    /// <summary>
    /// An unnamed writable file in <paramref name="folder"/> with exactly <paramref name="mode"/>, or null where the
    /// system or file system has no O_TMPFILE (the caller then creates a named temporary file).
    /// </summary>
    public static SafeFileHandle? TryCreate(string folder, UnixFileMode? mode)
    {
        if (!OperatingSystem.IsLinux() || OpenFlags() is not { } flags || !CanLink.Value)
        {
            return null;
        }

        int fd;
        try
        {
            fd = Libc.open(folder, flags, mode is { } m ? (uint)m : DefaultMode);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }

        if (fd < 0)
        {
            return null; // unsupported here, or a folder problem the named path reports properly
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (mode is { } exact)
            {
                File.SetUnixFileMode(handle, exact); // the create mode went through the umask
            }

            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Gives the unnamed file <paramref name="path"/>; false when that name is taken.</summary>
    public static bool TryLink(SafeFileHandle handle, string path)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (Libc.linkat(Libc.AtCurrentDirectory, $"/proc/self/fd/{handle.DangerousGetHandle()}", Libc.AtCurrentDirectory, path, AtSymlinkFollow) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == Libc.AlreadyExists ? false : throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>O_WRONLY | O_CLOEXEC | O_TMPFILE, whose value differs by architecture (O_DIRECTORY is part of it).</summary>
    private static int? OpenFlags() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x1 | 0x80000 | 0x410000,
        Architecture.Arm64 => 0x1 | 0x80000 | 0x404000,
        _ => null,
    };

    /// <summary>Linking an unnamed file goes through /proc (without it only a privileged process could link one).</summary>
    private static readonly Lazy<bool> CanLink = new(() => Directory.Exists("/proc/self/fd"));

    private const uint DefaultMode = 0x1B6; // 0666: what a plain create asks for, before the umask
    private const int AtSymlinkFollow = 0x400;
}
