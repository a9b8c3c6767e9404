"""An operating-system error in the words of the user's language: what a finance officer reads
when a file cannot be read or written (the system's own text is English)."""

from __future__ import annotations

import errno

_WORDS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EDQUOT: "磁盘配额已满",
    errno.EROFS: "文件系统是只读的",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EISDIR: "这是一个文件夹",
    errno.EEXIST: "已经存在",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EMFILE: "打开的文件过多",
    errno.EBUSY: "文件正被占用",
    errno.EXDEV: "不能跨文件系统移动",
    errno.EIO: "读写出错（磁盘或网络文件系统故障）",
    errno.EADDRINUSE: "端口已被占用",
    errno.EADDRNOTAVAIL: "地址不可用",
    errno.ELOOP: "符号链接形成了循环（或层数过多）",
    errno.ENXIO: "设备或地址不存在",
    errno.ETXTBSY: "文件正被占用",
    errno.EFBIG: "文件过大",
}


def reason(exc: OSError) -> str:
    """Why ``exc`` happened, in Chinese where the error is a common one, else as the system says it."""
    words = _WORDS.get(exc.errno) if exc.errno is not None else None
    return words or (exc.strerror or str(exc))
