package dev.preflight.check;

/**
 * A built check of the catalog, made on its first run. Making a check runs its class's static
 * initialiser (its compiled patterns, its parsers); a run binds a few of the catalog's checks, and
 * only those should pay for it, on the threads that run them rather than before anything starts.
 * Its metadata is read from the class's annotation, which loading the class does not initialise.
 */
final class DeferredCheck implements Check {
    private final Class<? extends Check> type;
    private volatile Check made;

    DeferredCheck(Class<? extends Check> type) {
        this.type = type;
    }

    @Override
    public CheckInfo info() {
        CheckInfo info = type.getAnnotation(CheckInfo.class);
        if (info == null) {
            throw new IllegalStateException(type.getName() + " lacks @CheckInfo");
        }
        return info;
    }

    @Override
    public Outcome run(CheckContext context) throws Exception {
        return check().run(context);
    }

    private Check check() throws ReflectiveOperationException {
        Check c = made;
        if (c == null) {
            synchronized (this) {
                c = made;
                if (c == null) {
                    c = type.getDeclaredConstructor().newInstance();
                    made = c;
                }
            }
        }
        return c;
    }
}
