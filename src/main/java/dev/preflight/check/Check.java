package dev.preflight.check;

/**
 * One automated verification. Implementations are small, annotated with {@link CheckInfo}, listed in
 * {@link Catalog}, documented in {@code docs/checks/<id>.md} and tested on a passing and a failing
 * real example. The engine has already made sure the check's target was given, so a check only
 * decides PASS, FAIL, WARN, ERROR or "not applicable" from the facts in its context.
 */
public interface Check {

    Outcome run(CheckContext context) throws Exception;

    default CheckInfo info() {
        return infoOf(getClass());
    }

    /** The metadata a check class declares, read without making (or initialising) the class. */
    static CheckInfo infoOf(Class<?> type) {
        CheckInfo info = type.getAnnotation(CheckInfo.class);
        if (info == null) {
            throw new IllegalStateException(type.getName() + " lacks @CheckInfo");
        }
        return info;
    }
}
