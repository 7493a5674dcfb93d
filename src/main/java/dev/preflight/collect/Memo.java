package dev.preflight.collect;

import java.util.function.Supplier;

/** A value computed at most once, on first use, however many checks ask for it at the same time. */
public final class Memo<T> implements Supplier<T> {
    private final Supplier<T> compute;
    private volatile T value;

    private Memo(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Memo<T> of(Supplier<T> compute) {
        return new Memo<>(compute);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = compute.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
