package dev.preflight.collect.tls;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The OCSP responder a certificate names in its Authority Information Access extension, if any.
 * Only such a certificate can have a response stapled: private CAs name none, and Let's Encrypt
 * stopped naming one in 2025, so "no stapling" is a finding only where stapling was possible.
 */
final class OcspResponder {
    private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
    /** The DER encoding of id-ad-ocsp (1.3.6.1.5.5.7.48.1), the access method of an OCSP responder. */
    private static final byte[] ID_AD_OCSP = {0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};
    /** A GeneralName uniformResourceIdentifier: context tag [6], primitive. */
    private static final int URI_TAG = 0x86;

    private OcspResponder() {
    }

    static Optional<String> of(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(AUTHORITY_INFO_ACCESS);
        if (extension == null) {
            return Optional.empty();
        }
        for (int at = indexOf(extension, ID_AD_OCSP, 0); at >= 0; at = indexOf(extension, ID_AD_OCSP, at + 1)) {
            int tag = at + ID_AD_OCSP.length;
            if (tag + 2 >= extension.length || (extension[tag] & 0xFF) != URI_TAG) {
                continue;
            }
            int length = extension[tag + 1] & 0xFF;
            int start = tag + 2;
            // Short form, or one length byte: a responder URL is never longer than 255 bytes.
            if (length == 0x81) {
                length = extension[start] & 0xFF;
                start++;
            } else if (length > 0x7F) {
                continue;
            }
            if (start + length <= extension.length) {
                return Optional.of(new String(extension, start, length, StandardCharsets.US_ASCII));
            }
        }
        return Optional.empty();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
