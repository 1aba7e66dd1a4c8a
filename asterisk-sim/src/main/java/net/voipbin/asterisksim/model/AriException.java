package net.voipbin.asterisksim.model;

/** An ARI error: HTTP status plus Asterisk's {@code {"message":...}} body. */
public class AriException extends RuntimeException {
    private final int status;

    public AriException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static AriException channelNotFound() {
        return new AriException(404, "Channel not found");
    }
}
