package dev.preflight.checks.dns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolver.LookupPolicy;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Names under {@code .preflight.test} (RFC 2606 reserves .test for testing) for the DNS tests,
 * answered like a hosts file through the JDK's resolver interface, so that the check resolves them
 * exactly as it resolves any name, and no test asks a DNS server beyond this machine. Every other
 * name goes to the JDK's own resolver, as if this provider were not installed.
 */
public final class TestNames extends InetAddressResolverProvider {
    static final String BOTH = "dual.preflight.test";
    static final String IPV4_ONLY = "v4.preflight.test";
    static final String IPV6_ONLY = "v6.preflight.test";
    static final String NO_SUCH_NAME = "missing.preflight.test";
    static final String RESOLVER_DOWN = "servfail.preflight.test";

    private static final Map<String, List<String>> ADDRESSES = Map.of(
            BOTH, List.of("127.0.0.1", "::1"),
            IPV4_ONLY, List.of("127.0.0.1"),
            IPV6_ONLY, List.of("::1"));

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver builtin = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                String name = host.toLowerCase(Locale.ROOT);
                if (!name.endsWith(".preflight.test")) {
                    return builtin.lookupByName(host, policy);
                }
                if (name.equals(RESOLVER_DOWN)) {
                    throw new UnknownHostException(host + ": Temporary failure in name resolution");
                }
                List<String> addresses = ADDRESSES.get(name);
                if (addresses == null) {
                    throw new UnknownHostException(host + ": Name or service not known");
                }
                int families = policy.characteristics();
                return addresses.stream().map(a -> literal(host, a))
                        .filter(a -> a instanceof Inet4Address ? (families & LookupPolicy.IPV4) != 0 : (families & LookupPolicy.IPV6) != 0);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return builtin.lookupByAddress(address);
            }
        };
    }

    private static InetAddress literal(String host, String address) {
        try {
            return InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address literal: " + address, e);
        }
    }

    @Override
    public String name() {
        return "preflight-test-names";
    }
}
