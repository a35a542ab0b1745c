using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Qinglang.Labels.IO;

/// <summary>
/// Recycles each replaced file as the next temporary file, for a thread that replaces many files in a row (labeling a
/// folder). A plain atomic replace creates an inode for the temporary and frees the old file's inode and blocks. On
/// ext4 every create scans past the recently deleted inodes of its group (without a journal they stay "recent" for
/// minutes), so the cost of a create grows with every file a batch — or the user's last batch — replaced.
/// Here the thread keeps one spare file next to the files. The new content is written into the spare; the spare and
/// the destination swap names in one atomic exchange (renameat2 RENAME_EXCHANGE), so readers see the old file or the
/// whole new one, as with a rename; and the old file, now under the spare's name, is emptied and becomes the next spare.
/// A batch then creates one file per thread and folder, and removes it at the end.
/// <para>
/// The old file is recycled only when nothing of it can reach the next file: one link only (another name would see the
/// next file's bytes), and the owner, group and inode flags a new file in that folder gets, with no extended attributes
/// (no ACL, no security label). Anything else has its spare name removed, as a rename would have removed it.
/// </para>
/// </summary>
public sealed class RecycledTemporary : IDisposable
{
    [ThreadStatic]
    private static RecycledTemporary? _current;

    private readonly RecycledTemporary? _previous;
    private string? _folder;
    private string? _path;
    private SafeFileHandle? _handle;
    private UnixFileMode _mode;
    private NewFileProfile _profile;
    private string? _folderWithoutRecycling;

    private RecycledTemporary()
    {
        _previous = _current;
        _current = this;
    }

    /// <summary>
    /// Turns recycling on for the calling thread's atomic replaces (<see cref="AtomicFile.Write(string, ReadOnlySpan{byte}, string?, bool)"/>)
    /// until the returned scope is disposed, on the same thread; disposing removes the spare file.
    /// </summary>
    public static IDisposable Begin() => new RecycledTemporary();

    /// <summary>The calling thread's recycler, if it has one.</summary>
    internal static RecycledTemporary? Current => _current;

    /// <summary>
    /// Replaces the existing regular file <paramref name="destination"/> (a full path) with <paramref name="content"/>,
    /// keeping its permissions. False, with nothing changed, where recycling cannot be used here: the caller replaces
    /// the file its usual way.
    /// </summary>
    internal bool TryReplace(string destination, ReadOnlySpan<byte> content, bool durable)
    {
        if (!OperatingSystem.IsLinux() || FileStatus.Of(destination) is not { IsRegularFile: true } target)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(destination) ?? ".";
        if (!EnsureSpare(folder))
        {
            return false;
        }

        var spare = _handle!;
        var sparePath = _path!;
        try
        {
            if (_mode != target.Permissions)
            {
                File.SetUnixFileMode(spare, target.Permissions);
                _mode = target.Permissions;
            }

            RandomAccess.Write(spare, content, 0);
            if (durable)
            {
                RandomAccess.FlushToDisk(spare);
            }
            else
            {
                Writeback.Start(spare);
            }

            if (Libc.renameat2(Libc.AtCurrentDirectory, sparePath, Libc.AtCurrentDirectory, destination, Libc.RenameExchange) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                RandomAccess.SetLength(spare, 0);
                if (errno is Unsupported or NotImplemented)
                {
                    Release();
                    _folderWithoutRecycling = folder; // this file system cannot exchange: later replaces here rename
                }

                return false; // the usual replace reports any other failure with its own message
            }
        }
        catch
        {
            Release();
            throw;
        }

        // The destination is the new file now, and the spare's name holds the old one.
        spare.Dispose();
        _handle = null;
        Recycle(sparePath);
        return true;
    }

    /// <summary>
    /// Makes sure the thread has an empty spare file in <paramref name="folder"/>, named like any temporary file there;
    /// false where it cannot, or where recycling was found not to work.
    /// </summary>
    private bool EnsureSpare(string folder)
    {
        if (_handle is not null && _folder == folder)
        {
            return true;
        }

        Release();
        if (folder == _folderWithoutRecycling || Libc.OpenReadWriteNoFollow is not { } flags)
        {
            return false;
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var path = AtomicFile.TempName(Path.Combine(folder, "qinglang-spare"));
            var fd = Libc.open(path, flags | Libc.CreateNew, OwnerOnly);
            if (fd < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.AlreadyExists)
                {
                    continue; // a leftover of a crashed process with the same id
                }

                return false; // the folder is not writable, say: the usual replace reports it
            }

            var handle = new SafeFileHandle(fd, ownsHandle: true);
            if (FileStatus.Of(handle) is { } status && NewFileProfile.Of(handle, status) is { } profile)
            {
                (_folder, _path, _handle, _mode, _profile) = (folder, path, handle, UnixFileMode.UserRead | UnixFileMode.UserWrite, profile);
                return true;
            }

            // New files here get extended attributes (an ACL, a security label): an old file could never be recycled.
            handle.Dispose();
            TryRemove(path);
            _folderWithoutRecycling = folder;
            return false;
        }

        return false;
    }

    /// <summary>Adopts the file now named <paramref name="sparePath"/> as the next spare, or removes that name.</summary>
    private void Recycle(string sparePath)
    {
        var fd = Libc.open(sparePath, Libc.OpenReadWriteNoFollow!.Value, 0);
        if (fd >= 0)
        {
            var handle = new SafeFileHandle(fd, ownsHandle: true);
            try
            {
                if (FileStatus.Of(handle) is { IsRegularFile: true, Links: 1, HasSpecialAttributes: false } old && NewFileProfile.Of(handle, old) == _profile)
                {
                    RandomAccess.SetLength(handle, 0); // frees the old bytes now; a crash leaves an empty spare, not a copy
                    _handle = handle;
                    _mode = old.Permissions;
                    return;
                }
            }
            catch (IOException)
            {
                // Not reusable after all: its name goes below.
            }

            handle.Dispose();
        }

        TryRemove(sparePath);
        _path = null;
        _folder = null;
    }

    /// <summary>Closes and removes the spare file.</summary>
    private void Release()
    {
        _handle?.Dispose();
        _handle = null;
        if (_path is not null)
        {
            TryRemove(_path);
        }

        _path = null;
        _folder = null;
    }

    public void Dispose()
    {
        Release();
        if (_current == this)
        {
            _current = _previous;
        }
    }

    private static void TryRemove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover empty hidden file is no reason to fail a labeled batch.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// What a file passes on to the next content written into it: owner, group and inode flags (chattr). Null when it
    /// has extended attributes — an ACL or a security label that might not fit the next file.
    /// </summary>
    private readonly record struct NewFileProfile(uint Owner, uint Group, long Flags)
    {
        public static NewFileProfile? Of(SafeFileHandle handle, FileStatus status)
        {
            var added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var fd = (int)handle.DangerousGetHandle();
                var names = Libc.flistxattr(fd, 0, 0);
                if (names > 0 || (names < 0 && Marshal.GetLastPInvokeError() != NotSupported))
                {
                    return null; // attributes, or no way to tell
                }

                // File systems without inode flags (ENOTTY and the like) have none to pass on.
                var flags = Libc.ioctl(fd, Libc.GetInodeFlags, out var value) == 0 ? value & 0xFFFFFFFF : 0;
                return new NewFileProfile(status.Owner, status.Group, flags);
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }
        }
    }

    private const uint OwnerOnly = 0x180; // 0600 until the first file's mode is set
    private const int Unsupported = 22; // EINVAL: the file system has no exchange
    private const int NotImplemented = 38; // ENOSYS
    private const int NotSupported = 95; // EOPNOTSUPP: a file system without extended attributes
}
