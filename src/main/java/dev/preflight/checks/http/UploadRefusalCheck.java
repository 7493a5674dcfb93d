package dev.preflight.checks.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckInfo;
import dev.preflight.check.Evidence;
import dev.preflight.check.Outcome;
import dev.preflight.check.Param;
import dev.preflight.check.Status;
import dev.preflight.check.TargetKind;
import dev.preflight.collect.HttpObservation;
import dev.preflight.collect.HttpProbe;
import dev.preflight.collect.ProbeRequest;
import dev.preflight.collect.Upload;

/**
 * The upload endpoint refuses a file over the item's size with 413, and refuses executable and script
 * files. The oversized file is streamed and writing stops at the server's first answer, so a server
 * that refuses on the Content-Length reads almost none of it. Which halves run follows the item's
 * words: "file size limit" tests the size, "file type validation" the types, anything else both.
 */
@CheckInfo(id = "http.upload-limit", title = "Uploads over the size limit and of disallowed types are refused",
        target = TargetKind.URL, active = true,
        phrases = {"file size limits?", "\\bupload (limits?|restrictions|validation)", "\\bfile (size|type) validation",
                "file size, type validation", "\\bfile type restrictions?", "\\d+\\s*[KMG]i?B max"},
        params = {"maxSize", "path"},
        related = {"owasp:WSTG-BUSL-09"})
public final class UploadRefusalCheck implements Check {
    static final List<String> UPLOAD_PATHS = List.of("/upload", "/api/upload");
    static final String DEFAULT_MAX_SIZE = "10MB";
    /** Past the limit by more than any multipart framing, so a limit on the file alone is exceeded too. */
    static final long MARGIN = 64 * 1024;
    /** Preflight does not send more than this to test a limit; an item naming a larger one stays unverified. */
    static final long MAX_TESTED = 256L << 20;
    static final String FIELD = "file";
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==");
    /** Files no upload form for user content should take: a Windows executable and a PHP script. */
    static final List<Multipart> DISALLOWED = List.of(
            new Multipart(FIELD, "preflight-probe.exe", "application/x-msdownload", "MZ\u0090\0preflight probe".getBytes(StandardCharsets.ISO_8859_1), 0),
            new Multipart(FIELD, "preflight-probe.php", "application/x-php", "<?php echo 'preflight probe'; ?>\n".getBytes(StandardCharsets.UTF_8), 0));

    private static final Pattern SIZE_WORDS = Pattern.compile("\\bsizes?\\b|\\blimits?\\b|\\bmax\\b|\\d\\s*[KMG]i?B\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TYPE_WORDS = Pattern.compile("\\btypes?\\b|\\bextensions?\\b|\\bformats?\\b|\\bmime\\b", Pattern.CASE_INSENSITIVE);

    @Override
    public Outcome run(CheckContext context) {
        HttpProbe http = context.http();
        boolean planning = http.planning();
        Optional<String> maxSize = context.params().text(Param.MAX_SIZE);
        boolean sizeWords = SIZE_WORDS.matcher(context.itemText()).find();
        boolean typeWords = TYPE_WORDS.matcher(context.itemText()).find();
        boolean testSize = sizeWords || !typeWords;
        boolean testTypes = typeWords || !sizeWords;
        long max = Param.bytes(maxSize.orElse(DEFAULT_MAX_SIZE));
        if (testSize && max > MAX_TESTED) {
            return Outcome.unverified("the item's limit " + maxSize.orElse(DEFAULT_MAX_SIZE) + " is above the "
                                      + Answers.bytes(MAX_TESTED) + " Preflight uploads to test a limit");
        }

        Optional<String> named = context.params().text(Param.PATH);
        List<Evidence> evidence = new ArrayList<>();
        String path = null;
        for (String candidate : named.map(List::of).orElse(UPLOAD_PATHS)) {
            HttpObservation o = http.get(candidate);
            evidence.add(o.evidence());
            if (planning) {
                path = candidate;
                break;
            }
            Optional<String> unjudgeable = Answers.unjudgeable(o);
            if (unjudgeable.isPresent()) {
                return Outcome.error(candidate + " could not be judged: " + unjudgeable.get(), evidence.toArray(Evidence[]::new));
            }
            if (o.isRedirect()) {
                return new Outcome(Status.ERROR, candidate + " answered a " + Answers.redirect(o) + ", which Preflight does not follow",
                        evidence, nameThePath(), null);
            }
            if (o.status() != 404) {
                path = candidate;
                break;
            }
        }
        if (path == null) {
            return named.isPresent()
                    ? new Outcome(Status.ERROR, named.get() + " answered 404: no upload endpoint there", evidence, nameThePath(), null)
                    : Outcome.unverified("no upload endpoint at " + String.join(" or ", UPLOAD_PATHS) + ": name it with "
                                         + "<!-- preflight: http.upload-limit path=/your/upload -->");
        }

        List<String> refusals = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> weaknesses = new ArrayList<>();
        if (testTypes) {
            Multipart ordinary = new Multipart(FIELD, "preflight-probe.png", "image/png", PNG, 0);
            HttpObservation control = http.send(post(path, ordinary));
            evidence.add(Answers.labelled(control, ordinary.filename()));
            if (!planning) {
                Optional<String> unjudgeable = Answers.unjudgeable(control);
                if (unjudgeable.isPresent()) {
                    return Outcome.error(path + " with " + ordinary.filename() + ": " + unjudgeable.get(), evidence.toArray(Evidence[]::new));
                }
                if (!control.isSuccess()) {
                    return new Outcome(Status.ERROR, path + ": it answered " + control.status() + " to an ordinary " + PNG.length
                            + "-byte PNG in form field '" + FIELD + "', so a refusal of other types would prove nothing", evidence,
                            "The check uploads in form field '" + FIELD + "' and expects a small PNG to be accepted; "
                            + "give --header with a credential if uploads need one.", null);
                }
                refusals.add("accepted an ordinary PNG (" + control.status() + ")");
            }
        }
        if (testSize) {
            Multipart oversized = new Multipart(FIELD, "preflight-oversize.png", "image/png", Arrays.copyOf(PNG, 8), max + MARGIN - 8);
            Upload upload = http.upload(post(path, oversized));
            HttpObservation answer = upload.answer();
            evidence.add(Answers.labelled(answer, oversized.filename() + ", " + Answers.bytes(oversized.fileBytes())));
            evidence.add(new Evidence.Measurement("body bytes sent before the answer", upload.sent(), "bytes"));
            if (!planning) {
                Optional<String> unjudgeable = Answers.unjudgeable(answer);
                if (unjudgeable.isPresent()) {
                    return Outcome.error(path + " with a " + Answers.bytes(oversized.fileBytes()) + " upload: " + unjudgeable.get(),
                            evidence.toArray(Evidence[]::new));
                }
                String what = "an upload of " + Answers.bytes(oversized.fileBytes()) + " (over " + maxSize.orElse(DEFAULT_MAX_SIZE)
                              + (maxSize.isPresent() ? "" : ", the default: the item names no size") + ")";
                String sent = Answers.bytes(upload.sent()) + " of " + Answers.bytes(upload.length()) + " sent";
                int status = answer.status();
                if (status == 413) {
                    refusals.add("refused " + what + " with 413 after " + sent);
                } else if (List.of(401, 404, 405, 429).contains(status)) {
                    return new Outcome(Status.ERROR, path + " answered " + status + " to " + what + " before judging its size", evidence,
                            nameThePath(), null);
                } else if (status >= 400 && status < 500) {
                    weaknesses.add("refused " + what + " with " + status + ", not 413");
                    refusals.add("refused " + what + " (" + status + ")");
                } else if (status >= 500) {
                    failures.add("failed with " + status + " on " + what + " instead of refusing it with 413");
                } else {
                    failures.add("accepted " + what + " (" + status + ", " + sent + ")");
                }
            }
        }
        if (testTypes) {
            for (Multipart file : DISALLOWED) {
                HttpObservation o = http.send(post(path, file));
                evidence.add(Answers.labelled(o, file.filename()));
                if (planning) {
                    continue;
                }
                Optional<String> unjudgeable = Answers.unjudgeable(o);
                if (unjudgeable.isPresent()) {
                    return Outcome.error(path + " with " + file.filename() + ": " + unjudgeable.get(), evidence.toArray(Evidence[]::new));
                }
                if (o.status() >= 400 && o.status() < 500) {
                    refusals.add("refused " + file.filename() + " (" + o.status() + ")");
                } else if (o.status() >= 500) {
                    failures.add("failed with " + o.status() + " on " + file.filename() + " instead of refusing it");
                } else {
                    failures.add("accepted " + file.filename() + " (" + o.status() + ")");
                }
            }
        }
        if (planning) {
            return Outcome.error("not sent (--plan)");
        }
        if (!failures.isEmpty()) {
            return Outcome.fail(path + ": " + String.join("; ", failures),
                    "Refuse bodies over the limit before reading them (nginx client_max_body_size, Flask MAX_CONTENT_LENGTH, "
                    + "Django DATA_UPLOAD_MAX_MEMORY_SIZE plus a file-size check, multer limits.fileSize) with 413, and accept only "
                    + "the file types the feature needs, checked by extension and content.", evidence);
        }
        String summary = path + ": " + String.join("; ", refusals);
        if (!weaknesses.isEmpty()) {
            return Outcome.warn(summary + "; but " + String.join("; ", weaknesses),
                    "Answer bodies over the limit with 413 Content Too Large, so clients can tell the limit from bad input.", evidence);
        }
        return Outcome.pass(summary, evidence);
    }

    private static ProbeRequest post(String path, Multipart body) {
        return ProbeRequest.of("POST", path).header("Content-Type", Multipart.CONTENT_TYPE).body(body.publisher(), body.describe());
    }

    private static String nameThePath() {
        return "Name the upload endpoint (it must take POST multipart/form-data with the file in field '" + FIELD + "'): "
               + "<!-- preflight: http.upload-limit path=/your/upload -->";
    }
}
