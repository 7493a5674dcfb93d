package dev.preflight.check;

import dev.preflight.collect.Memo;

/**
 * A built check of the catalog, made on its first run. Making a check runs its class's static
 * initialiser (its compiled patterns, its parsers); a run binds a few of the catalog's checks, and
 * only those should pay for it, on the threads that run them rather than before anything starts.
 * Its metadata is read from the class's annotation, which loading the class does not initialise.
 */
final class DeferredCheck implements Check {
    private final Class<? extends Check> type;
    private final Memo<Check> made;

    DeferredCheck(Class<? extends Check> type) {
        this.type = type;
        this.made = Memo.of(() -> {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make " + type.getName(), e);
            }
        });
    }

    @Override
    public CheckInfo info() {
        return Check.infoOf(type);
    }

    @Override
    public Outcome run(CheckContext context) throws Exception {
        return made.get().run(context);
    }
}
