package xray.kernel;

/**
 * Why a kernel file could not be read: one closed set, decided in {@link KernelFs} from the kind of
 * failure (the exception type, or the errno found again from the file system), never from the
 * text of an error message, which the C library translates into the host's language. Each caller
 * says what it does with each kind.
 */
public enum ReadFailure {
    /**
     * The file or its parent does not exist, or the process or cgroup it belongs to went away
     * (ENOENT, ENOTDIR, ESRCH, ENODEV). A normal fact: an older kernel, a race. {@link KernelFs}
     * reports it as an empty {@code Optional}, never as a {@link FileProblem}.
     */
    ABSENT("no such file"),
    /** EACCES, EPERM: another user's process, a file only root may read. Counted, not warned about one by one. */
    NOT_PERMITTED("permission denied"),
    /** The kernel shows the file but refuses to print it (EOPNOTSUPP, EINVAL on a read): psi=0, a disabled controller. */
    NOT_SUPPORTED("not supported by this kernel"),
    /** The content is not what the kernel writes: a parse failure, a FIFO or a directory where a file should be, a file too large. */
    MALFORMED("malformed"),
    /** Anything else (EIO on a snapshot's disk, a symbolic link loop): a warning that names the file. */
    IO_ERROR("I/O error");

    private final String words;

    ReadFailure(String words) {
        this.words = words;
    }

    /** A few English words for the kind, for a warning line. */
    public String words() {
        return words;
    }
}
