package dev.preflight.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One thread's share of a closed-model run over plain HTTP: its connections, non-blocking, served by
 * one selector. Each connection sends a request, reads its answer as it arrives and sends the next,
 * as a blocking connection would, but a thread waits for all of them at once instead of one thread
 * sleeping per connection: against a fast server the blocking threads cost a context switch per
 * request. Errors are classified as {@link HttpConnection} classifies them, and a reused connection
 * the server had closed while idle is reopened once, as there.
 */
final class EventLoop implements Runnable {
    /** How long a select may wait with nothing due, so that a request to stop is seen soon. */
    private static final long MAX_WAIT_MILLIS = 10;

    /**
     * What a run does with each request's fate: counts and latencies. Called on the loop's thread only.
     * A request's latency runs from just before its first byte is written (the next request is written
     * as soon as the previous answer is read, so nothing waits between) to when the parser has its whole
     * answer: wrk's definition, except that a request on a new connection also counts the connect.
     */
    interface Outcomes {
        /** A request is being sent, its latency counted from {@code since}. */
        void started(long since);

        void answered(long since, int status);

        void failed(long since, ErrorKind kind);
    }

    /** What the run's connections share: what to send, and the bounds. */
    record Run(InetSocketAddress address, byte[][] requests, boolean[] heads, RequestMix mix, long timeoutNanos, long maxRequests,
               long deadline, AtomicLong claimed, BooleanSupplier stopping) {
    }

    private enum Phase { WAITING, CONNECTING, WRITING, READING, DONE }

    private final class Connection {
        /** When a WAITING connection sends its next request. */
        long nextAt;
        final ByteBuffer[] out = new ByteBuffer[run.requests().length];
        final ResponseParser parser = new ResponseParser();
        Phase phase = Phase.WAITING;
        SocketChannel channel;
        SelectionKey key;
        ByteBuffer sending;
        int kind;
        long since;
        long deadline;
        boolean reused;
        boolean retried;

        Connection(long begin) {
            this.nextAt = begin;
            for (int i = 0; i < out.length; i++) {
                out[i] = shared[i].duplicate();
            }
        }
    }

    private final Run run;
    private final Outcomes outcomes;
    private final ByteBuffer[] shared;
    private final List<Connection> connections = new ArrayList<>();
    private final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    private final Selector selector;

    /**
     * {@code begins}: when each of this loop's connections sends its first request, in {@code System.nanoTime()} terms.
     * The selector is opened here, on the caller's thread, so that a failure to open it fails the run rather than
     * leaving this loop's connections silently out of it.
     */
    EventLoop(Run run, long[] begins, Outcomes outcomes) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("the load run's selector could not be opened", e);
        }
        this.run = run;
        this.outcomes = outcomes;
        this.shared = new ByteBuffer[run.requests().length];
        for (int i = 0; i < shared.length; i++) {
            shared[i] = ByteBuffer.allocateDirect(run.requests()[i].length).put(run.requests()[i]).flip().asReadOnlyBuffer();
        }
        for (long begin : begins) {
            connections.add(new Connection(begin));
        }
    }

    @Override
    public void run() {
        try (selector) {
            loop();
        } catch (IOException e) {
            throw new UncheckedIOException("the load run's selector failed", e);
        } finally {
            connections.forEach(this::close);
        }
    }

    private void loop() throws IOException {
        while (true) {
            long now = System.nanoTime();
            long wake = now + MAX_WAIT_MILLIS * 1_000_000;
            boolean live = false;
            for (Connection c : connections) {
                if (c.phase == Phase.WAITING && now - c.nextAt >= 0) {
                    next(c, now);
                } else if (c.phase != Phase.WAITING && c.phase != Phase.DONE && now - c.deadline >= 0) {
                    fail(c, c.phase == Phase.CONNECTING ? ErrorKind.CONNECT : ErrorKind.TIMEOUT);
                }
                if (c.phase != Phase.DONE) {
                    live = true;
                    long due = c.phase == Phase.WAITING ? c.nextAt : c.deadline;
                    if (due - wake < 0) {
                        wake = due;
                    }
                }
            }
            if (!live) {
                return;
            }
            long waitMillis = Math.max(0, (wake - now) / 1_000_000);
            if (waitMillis == 0) {
                selector.selectNow(this::ready);
            } else {
                selector.select(this::ready, waitMillis);
            }
        }
    }

    private void ready(SelectionKey k) {
        Connection c = (Connection) k.attachment();
        if (!k.isValid() || c.key != k) {
            return;
        }
        switch (c.phase) {
            case CONNECTING -> connected(c);
            case WRITING -> write(c);
            case READING -> read(c);
            default -> {
            }
        }
    }

    /** Claims the next request for {@code c} and sends it, or ends {@code c} once the run is bounded out. */
    private void next(Connection c, long now) {
        long n;
        if (run.stopping().getAsBoolean() || now - run.deadline() >= 0 || (n = run.claimed().getAndIncrement()) >= run.maxRequests()) {
            c.phase = Phase.DONE;
            close(c);
            return;
        }
        c.kind = run.mix().kindOf(n);
        c.since = now;
        c.deadline = now + run.timeoutNanos();
        c.retried = false;
        outcomes.started(now);
        send(c);
    }

    private void send(Connection c) {
        c.parser.expect(run.heads()[c.kind]);
        c.sending = c.out[c.kind].clear();
        c.reused = c.channel != null;
        if (c.reused) {
            write(c);
            return;
        }
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (c.channel.connect(run.address())) {
                write(c);
            } else {
                c.phase = Phase.CONNECTING;
                c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException | UnresolvedAddressException e) {
            fail(c, ErrorKind.CONNECT);
        }
    }

    private void connected(Connection c) {
        try {
            c.channel.finishConnect();
        } catch (IOException e) {
            fail(c, ErrorKind.CONNECT);
            return;
        }
        write(c);
    }

    private void write(Connection c) {
        try {
            c.channel.write(c.sending);
        } catch (IOException e) {
            broken(c);
            return;
        }
        try {
            if (c.sending.hasRemaining()) {
                interest(c, Phase.WRITING, SelectionKey.OP_WRITE);
            } else {
                interest(c, Phase.READING, SelectionKey.OP_READ);
            }
        } catch (IOException e) {
            fail(c, ErrorKind.RESET);
        }
    }

    private void interest(Connection c, Phase phase, int ops) throws IOException {
        c.phase = phase;
        if (c.key == null) {
            c.key = c.channel.register(selector, ops, c);
        } else if (c.key.interestOps() != ops) {
            c.key.interestOps(ops);
        }
    }

    private void read(Connection c) {
        try {
            while (true) {
                in.clear();
                int n = c.channel.read(in);
                if (n < 0) {
                    if (c.parser.endOfInput()) {
                        answered(c);
                    } else {
                        broken(c);
                    }
                    return;
                }
                if (c.parser.feed(in.array(), 0, n)) {
                    answered(c);
                    return;
                }
                if (n < in.capacity()) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            fail(c, ErrorKind.PROTOCOL);
        } catch (IOException e) {
            broken(c);
        }
    }

    private void answered(Connection c) {
        outcomes.answered(c.since, c.parser.status());
        if (c.parser.closes()) {
            close(c);
        }
        next(c, System.nanoTime());
    }

    /**
     * The connection broke. A reused one closed before any byte of the answer came is reopened once
     * (the server ended it while idle); otherwise the request fails as reset.
     */
    private void broken(Connection c) {
        if (c.reused && !c.retried && !c.parser.received()) {
            close(c);
            c.retried = true;
            send(c);
            return;
        }
        fail(c, ErrorKind.RESET);
    }

    /** The next request waits for the loop's next turn: sent from here, a server refusing at once would nest failure in failure. */
    private void fail(Connection c, ErrorKind kind) {
        close(c);
        outcomes.failed(c.since, kind);
        c.phase = Phase.WAITING;
        c.nextAt = System.nanoTime();
    }

    private void close(Connection c) {
        if (c.channel != null) {
            if (c.key != null) {
                c.key.cancel();
                c.key = null;
            }
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing a broken connection has nothing left to report
            }
            c.channel = null;
        }
    }
}
