package dev.preflight.collect.tls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cipher suites the raw probes offer, by IANA code point and name. Weak ones are those that no
 * server should accept today: no encryption (NULL), no authentication (anonymous), export grade, RC4,
 * single DES and 3DES (Sweet32). The legacy set is what a TLS 1.0/1.1 client of ten years ago offered,
 * so a server that still speaks those versions finds a suite it can choose.
 */
public final class CipherSuites {
    private CipherSuites() {
    }

    public static final Map<Integer, String> WEAK = table(
            0x0001, "TLS_RSA_WITH_NULL_MD5", 0x0002, "TLS_RSA_WITH_NULL_SHA", 0x003B, "TLS_RSA_WITH_NULL_SHA256",
            0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA", 0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA",
            0x0018, "TLS_DH_anon_WITH_RC4_128_MD5", 0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA",
            0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA", 0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA",
            0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5", 0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
            0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA",
            0x0004, "TLS_RSA_WITH_RC4_128_MD5", 0x0005, "TLS_RSA_WITH_RC4_128_SHA",
            0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA", 0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
            0x0009, "TLS_RSA_WITH_DES_CBC_SHA", 0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA",
            0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
            0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA", 0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");

    public static final Map<Integer, String> LEGACY = table(
            0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
            0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA",
            0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", 0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA");

    public static String name(int code) {
        String known = WEAK.getOrDefault(code, LEGACY.get(code));
        return known != null ? known : String.format("0x%04X", code);
    }

    public static List<Integer> codes(Map<Integer, String> table) {
        return List.copyOf(table.keySet());
    }

    private static Map<Integer, String> table(Object... pairs) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Integer) pairs[i], (String) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
