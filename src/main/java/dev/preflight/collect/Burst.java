package dev.preflight.collect;

import java.time.Duration;
import java.util.List;

/**
 * The answers to a bounded run of identical requests, in the order they completed.
 *
 * @param stoppedBy why the burst ended: "stop condition met", "request bound reached", "time bound reached"
 *                  or "not sent (--plan)"
 */
public record Burst(List<HttpObservation> answers, Duration elapsed, String stoppedBy) {

    public Burst {
        answers = List.copyOf(answers);
    }

    public long count(int status) {
        return answers.stream().filter(o -> o.answered() && o.status() == status).count();
    }

    /** The first answer with this status, counting from one, or 0 when none came back so. */
    public int firstWith(int status) {
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i).answered() && answers.get(i).status() == status) {
                return i + 1;
            }
        }
        return 0;
    }
}
