package dev.preflight.checks.http;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

/**
 * A multipart/form-data body holding one file: {@code lead} (a file signature, a script) followed by
 * {@code zeros} zero bytes, produced slice by slice as it is sent, so an upload of any size costs one
 * shared 64 KiB buffer.
 */
record Multipart(String field, String filename, String fileType, byte[] lead, long zeros) {
    static final String BOUNDARY = "preflight-2f1c9a7e5b";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;
    private static final byte[] ZEROS = new byte[64 * 1024];

    long fileBytes() {
        return lead.length + zeros;
    }

    HttpRequest.BodyPublisher publisher() {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                       + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        long whole = zeros / ZEROS.length;
        int rest = (int) (zeros % ZEROS.length);
        Iterable<byte[]> padding = () -> Stream.concat(Stream.generate(() -> ZEROS).limit(whole),
                rest == 0 ? Stream.<byte[]>empty() : Stream.of(new byte[rest])).iterator();
        return BodyPublishers.fromPublisher(BodyPublishers.concat(BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(lead),
                BodyPublishers.ofByteArrays(padding), BodyPublishers.ofByteArray(tail)), head.length + fileBytes() + tail.length);
    }

    /** How the plan and the evidence name this body: never its bytes. */
    String describe() {
        return "multipart/form-data, field '" + field + "': " + filename + " (" + fileType + ", " + Answers.bytes(fileBytes()) + ")";
    }
}
