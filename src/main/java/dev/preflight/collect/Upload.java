package dev.preflight.collect;

/**
 * An upload sent with {@link HttpProbe#upload}: what came back, and how much of the body went out
 * before it did (or before the exchange failed).
 *
 * @param sent   body bytes written, at most {@code length}
 * @param length the body's Content-Length
 */
public record Upload(HttpObservation answer, long sent, long length) {

    /** Whether the server answered before the whole body was written. */
    public boolean answeredEarly() {
        return answer.answered() && sent < length;
    }
}
