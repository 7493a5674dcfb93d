package dev.preflight.load;

import java.util.List;

/**
 * Which request kind the n-th request of a run is: weights turned into one repeating sequence by smooth
 * weighted round-robin (as nginx balances upstreams), so kinds interleave evenly, and any stretch of
 * the run holds them in their weights' proportion, with no randomness to make two runs differ.
 */
final class RequestMix {
    private final int[] sequence;

    RequestMix(List<LoadRequest> requests) {
        int total = requests.stream().mapToInt(LoadRequest::weight).sum();
        sequence = new int[total];
        long[] current = new long[requests.size()];
        for (int n = 0; n < total; n++) {
            int best = 0;
            for (int k = 0; k < current.length; k++) {
                current[k] += requests.get(k).weight();
                if (current[k] > current[best]) {
                    best = k;
                }
            }
            current[best] -= total;
            sequence[n] = best;
        }
    }

    int kindOf(long n) {
        return sequence[(int) (n % sequence.length)];
    }
}
