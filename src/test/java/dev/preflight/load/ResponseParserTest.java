package dev.preflight.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Each answer is fed in two pieces split at every position, and byte by byte, as a socket may deliver
 * it: the parser must reach the same end whatever the split, and not before the last byte.
 */
class ResponseParserTest {

    private record Outcome(int status, boolean closes) {
    }

    /** Feeds {@code answer} split at {@code at}; asserts the answer completes with the last byte (or at the end of input). */
    private static Outcome splitAt(String answer, int at, boolean head, boolean toEnd) throws ProtocolException {
        byte[] b = answer.getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser p = new ResponseParser();
        p.expect(head);
        boolean done = p.feed(b, 0, at);
        if (at < b.length) {
            assertThat(done).as("complete after %d of %d bytes", at, b.length).isFalse();
            done = p.feed(b, at, b.length - at);
        }
        if (toEnd) {
            assertThat(done).isFalse();
            done = p.endOfInput();
        }
        assertThat(done).as("complete when split at %d", at).isTrue();
        return new Outcome(p.status(), p.closes());
    }

    private static Outcome everySplit(String answer, boolean head, boolean toEnd) throws ProtocolException {
        Outcome first = splitAt(answer, 0, head, toEnd);
        for (int at = 1; at <= answer.length(); at++) {
            assertThat(splitAt(answer, at, head, toEnd)).isEqualTo(first);
        }
        byte[] b = answer.getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser p = new ResponseParser();
        p.expect(head);
        for (int i = 0; i < b.length - 1; i++) {
            assertThat(p.feed(b, i, 1)).isFalse();
        }
        assertThat(p.feed(b, b.length - 1, 1) || toEnd && p.endOfInput()).isTrue();
        assertThat(new Outcome(p.status(), p.closes())).isEqualTo(first);
        return first;
    }

    private static void failsAtEverySplit(String answer, String message) {
        byte[] b = answer.getBytes(StandardCharsets.ISO_8859_1);
        for (int at = 0; at <= b.length; at++) {
            ResponseParser p = new ResponseParser();
            p.expect(false);
            int split = at;
            assertThatThrownBy(() -> {
                p.feed(b, 0, split);
                p.feed(b, split, b.length - split);
            }).isInstanceOf(ProtocolException.class).hasMessageContaining(message);
        }
    }

    @Test
    void aContentLengthBodyEndsWithItsLastByte() throws ProtocolException {
        assertThat(everySplit("HTTP/1.1 200 OK\r\nServer: nginx\r\ncontent-length: 5\r\n\r\nhello", false, false))
                .isEqualTo(new Outcome(200, false));
    }

    @Test
    void aChunkedBodyEndsAfterItsTrailers() throws ProtocolException {
        assertThat(everySplit("HTTP/1.1 404 Not Found\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n5;name=value\r\nhello\r\n"
                              + "10\r\n0123456789abcdef\r\n0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n", false, false))
                .isEqualTo(new Outcome(404, false));
    }

    @Test
    void informationalAnswersAreSkipped() throws ProtocolException {
        assertThat(everySplit("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n"
                              + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: Close\r\n\r\nok", false, false))
                .isEqualTo(new Outcome(201, true));
    }

    @Test
    void headAnd204And304AnswersHaveNoBody() throws ProtocolException {
        assertThat(everySplit("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", true, false)).isEqualTo(new Outcome(200, false));
        assertThat(everySplit("HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", false, false)).isEqualTo(new Outcome(204, false));
        assertThat(everySplit("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n", false, false))
                .isEqualTo(new Outcome(304, false));
    }

    @Test
    void anHttp10AnswerWithoutLengthRunsToTheEndAndCloses() throws ProtocolException {
        assertThat(everySplit("HTTP/1.0 503 Service Unavailable\nServer: old\n\nbusy, come back later", false, true))
                .isEqualTo(new Outcome(503, true));
        assertThat(everySplit("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", false, false)).isEqualTo(new Outcome(200, true));
        assertThat(everySplit("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok", false, false))
                .isEqualTo(new Outcome(200, false));
    }

    @Test
    void anAnswerCutShortIsNotComplete() throws ProtocolException {
        byte[] b = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf".getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser p = new ResponseParser();
        p.expect(false);
        assertThat(p.received()).isFalse();
        assertThat(p.feed(b, 0, b.length)).isFalse();
        assertThat(p.received()).isTrue();
        assertThat(p.endOfInput()).isFalse();
    }

    @Test
    void oneParserReadsAnswerAfterAnswer() throws ProtocolException {
        byte[] b = "HTTP/1.1 500 Oops\r\nContent-Length: 3\r\n\r\nbad".getBytes(StandardCharsets.ISO_8859_1);
        ResponseParser p = new ResponseParser();
        for (int i = 0; i < 3; i++) {
            p.expect(false);
            assertThat(p.feed(b, 0, b.length)).isTrue();
            assertThat(p.status()).isEqualTo(500);
        }
    }

    @Test
    void malformedAnswersAreProtocolErrors() {
        failsAtEverySplit("HTTP/2 200\r\n\r\n", "not an HTTP/1.x status line");
        failsAtEverySplit("http/1.1 200 OK\r\n\r\n", "not an HTTP/1.x status line");
        failsAtEverySplit("HTTP/1.1 2x0 OK\r\n\r\n", "no status code");
        failsAtEverySplit("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n", "a bad Content-Length");
        failsAtEverySplit("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a bad chunk size");
    }

    @Test
    void anOversizeHeaderLineIsAProtocolError() {
        failsAtEverySplit("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(ResponseParser.MAX_LINE) + "\r\n\r\n", "a header line longer than");
    }
}
