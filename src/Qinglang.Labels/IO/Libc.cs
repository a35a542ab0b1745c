using System.Runtime.InteropServices;

namespace Qinglang.Labels.IO;

/// <summary>
/// The Linux C library calls the atomic-replace code shares (callers check <see cref="OperatingSystem.IsLinux"/> and
/// treat a missing entry point as "not available here").
/// </summary>
internal static class Libc
{
    public const int AtCurrentDirectory = -100;
    public const int AlreadyExists = 17; // EEXIST
    public const uint RenameExchange = 2;

    /// <summary>O_RDWR | O_CLOEXEC | O_NOFOLLOW (O_NOFOLLOW differs by architecture); null where not known.</summary>
    public static int? OpenReadWriteNoFollow => System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x2 | 0x80000 | 0x20000,
        Architecture.Arm64 => 0x2 | 0x80000 | 0x8000,
        _ => null,
    };

    /// <summary>O_CREAT | O_EXCL: a new file, never an existing one.</summary>
    public const int CreateNew = 0x40 | 0x80;

    [DllImport("libc", SetLastError = true)]
    public static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    [DllImport("libc", SetLastError = true)]
    public static extern int linkat(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, int flags);

    [DllImport("libc", SetLastError = true)]
    public static extern int renameat2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);

    /// <summary>With a null list: the size of the names of the file's extended attributes (0: it has none).</summary>
    [DllImport("libc", SetLastError = true)]
    public static extern nint flistxattr(int fd, nint list, nuint size);

    [DllImport("libc", SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, out long value);

    /// <summary>FS_IOC_GETFLAGS (_IOR('f', 1, long)), the same on x64 and arm64: the inode flags chattr shows.</summary>
    public const nuint GetInodeFlags = 0x80086601;
}
