"""Whether a file lies on a network share, where SQLite's locking cannot be trusted.

SQLite relies on the file system's locks; over SMB/CIFS, NFS and the like they are unreliable and
two desks writing through a share corrupt the database. Such a site needs PostgreSQL.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PurePosixPath

MOUNTINFO = Path("/proc/self/mountinfo")

NETWORK_FS_TYPES = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs",
    "fuse.glusterfs",
    # GNOME's file manager mounts SMB, WebDAV and SFTP shares through gvfs (~/.gvfs, /run/user/…/gvfs);
    # WebDAV (davfs2), cloud drives (rclone, s3fs) and NetWare (ncpfs) are network stores too.
    "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "fuse.rclone", "fuse.s3fs", "ncpfs",
})

_DRIVE_REMOTE = 4  # GetDriveTypeW


def network_location(path: str | os.PathLike[str], mountinfo: str | None = None) -> str | None:
    """What makes the path a network location ("\\\\server\\share", "cifs //nas/data on /mnt/nas"…),
    or None for a local file. `mountinfo` replaces the text of /proc/self/mountinfo (Linux)."""
    text = os.fspath(path)
    unc = _unc_share(text)
    if unc is not None:
        return unc
    if sys.platform == "win32":
        return _windows_remote_drive(text)
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:  # not Linux, or /proc not mounted: nothing known about mounts
            return None
    return _network_mount(Path(text).expanduser().resolve(strict=False), mountinfo)


def _unc_share(text: str) -> str | None:
    r"""\\server\share…, //server/share… and \\?\UNC\server\share…; not \\?\C:\… nor \\.\device."""
    if text[:8].upper() == "\\\\?\\UNC\\":
        text = "\\\\" + text[8:]
    elif text.startswith(("\\\\?\\", "\\\\.\\", "//?/", "//./")):
        return None
    m = re.match(r"^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)", text)
    return f"\\\\{m[1]}\\{m[2]}" if m else None


def _windows_remote_drive(text: str) -> str | None:
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(text))[0]
    if not drive:
        return None
    if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == _DRIVE_REMOTE:  # type: ignore[attr-defined]
        return drive
    return None


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash in paths as octal escapes (\\040…)."""
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), field)


def _network_mount(path: Path, mountinfo: str) -> str | None:
    """The file system of the mount holding `path` (the longest mount point that contains it)."""
    best: tuple[int, str | None] = (-1, None)
    target = PurePosixPath(path)
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields, rest = left.split(), right.split()
        if not sep or len(fields) < 5 or not rest:
            continue
        point = PurePosixPath(_unescape(fields[4]))
        if target != point and point not in target.parents:
            continue
        depth = len(point.parts)
        if depth >= best[0]:  # a later mount over the same point hides the earlier one
            fs_type, source = rest[0], _unescape(rest[1]) if len(rest) > 1 else ""
            best = (depth, f"{fs_type} {source} trên {point}" if fs_type in NETWORK_FS_TYPES else None)
    return best[1]
