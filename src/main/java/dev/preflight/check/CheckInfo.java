package dev.preflight.check;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check's metadata, next to its code. The long explanation lives in {@code docs/checks/<id>.md}.
 *
 * <p>{@link #phrases} are case-insensitive regular expressions searched in an item's words (Markdown
 * marks removed); any one that matches binds the item to the check. {@link #params} name the
 * parameters the check reads, from the vocabulary of {@link ParamType}; only those are lifted
 * from the item's words or accepted in a directive.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CheckInfo {
    String id();

    String title();

    TargetKind target();

    Severity severity() default Severity.HIGH;

    String[] phrases();

    String[] params() default {};

    /** Rules of other tools that cover the same ground, as {@code tool:rule}. */
    String[] related() default {};

    /** Active checks send more than a few GET requests and run only with {@code --active}. */
    boolean active() default false;

    /**
     * The check bounds its own running time (a load run's announced bounds, which a scenario may set
     * to minutes), and may wait its turn behind other load runs: the per-check timeout does not apply
     * to it, the run's deadline does.
     */
    boolean selfTimed() default false;
}
