package dev.preflight.load;

import java.io.ByteArrayOutputStream;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;

/**
 * A file framed as a multipart/form-data body of one part, as a browser's form upload sends it. The
 * boundary is fixed: the body is built once and sent unchanged by every request of a run, and a
 * boundary that occurs in the file is replaced by a longer one.
 */
record Multipart(String contentType, byte[] body) {

    static Multipart of(String field, String filename, byte[] content) {
        String boundary = "preflight-load-boundary";
        while (contains(content, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1))) {
            boundary += "-x";
        }
        String type = URLConnection.guessContentTypeFromName(filename);
        String head = "--" + boundary + "\r\n"
                      + "Content-Disposition: form-data; name=\"" + quoted(field) + "\"; filename=\"" + quoted(filename) + "\"\r\n"
                      + "Content-Type: " + (type == null ? "application/octet-stream" : type) + "\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 256);
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return new Multipart("multipart/form-data; boundary=" + boundary, out.toByteArray());
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
