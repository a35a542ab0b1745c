using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Labels.IO;

/// <summary>
/// What Linux statx tells of a file that .NET's own API does not: owner, group, link count, inode, and the
/// attributes that make a file special (immutable, append-only, compressed, encrypted…). statx's layout is the same on
/// every architecture, unlike stat's.
/// </summary>
internal readonly record struct FileStatus(uint Mode, uint Owner, uint Group, uint Links, ulong Inode, ulong Attributes)
{
    public bool IsRegularFile => (Mode & 0xF000) == 0x8000;

    /// <summary>The permission bits (rwx for owner, group and others, with set-id and sticky bits).</summary>
    public UnixFileMode Permissions => (UnixFileMode)(Mode & 0xFFF);

    /// <summary>
    /// Attributes a plain file created in a folder never has: compressed, immutable, append-only, no-dump,
    /// encrypted, verity, DAX (STATX_ATTR_*).
    /// </summary>
    public bool HasSpecialAttributes => (Attributes & (0x4UL | 0x10 | 0x20 | 0x40 | 0x800 | 0x100000 | 0x200000)) != 0;

    /// <summary>The status of <paramref name="path"/> itself (a symbolic link is not followed); null when it does not exist or the call is missing.</summary>
    public static FileStatus? Of(string path) => Query(Libc.AtCurrentDirectory, path, AtSymlinkNoFollow);

    /// <summary>The status of an open file.</summary>
    public static FileStatus? Of(SafeFileHandle handle)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            return Query((int)handle.DangerousGetHandle(), string.Empty, AtEmptyPath);
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static FileStatus? Query(int folder, string path, int flags)
    {
        if (!OperatingSystem.IsLinux() || !_available)
        {
            return null;
        }

        var buffer = new StatxBuffer();
        try
        {
            if (statx(folder, path, flags | AtStatxDontSync, BasicStats, ref buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            _available = false; // a C library older than statx: callers take their portable path
            return null;
        }

        return new FileStatus(buffer.Mode, buffer.Uid, buffer.Gid, buffer.Nlink, buffer.Ino, buffer.Attributes);
    }

    private static bool _available = true;

    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const int AtStatxDontSync = 0x4000;
    private const uint BasicStats = 0x7FF;

    /// <summary>struct statx: 256 bytes, the fields used here at their fixed offsets.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(8)] public ulong Attributes;
        [FieldOffset(16)] public uint Nlink;
        [FieldOffset(20)] public uint Uid;
        [FieldOffset(24)] public uint Gid;
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(32)] public ulong Ino;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, ref StatxBuffer buffer);
}
