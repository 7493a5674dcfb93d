package dev.preflight.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/** JSON Schema validation for the report tests, with format assertions on (uri, date-time, ...). */
final class Schemas {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private Schemas() {
    }

    /** The official OASIS SARIF 2.1.0 schema (errata 01), stored under src/test/resources/schemas. */
    static JsonSchema sarif() {
        try (InputStream in = Schemas.class.getResourceAsStream("/schemas/sarif-schema-2.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(JSON.readTree(in), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** docs/report-schema.json, the published schema of {@code preflight-report/1}. */
    static JsonSchema report() {
        try {
            JsonNode schema = JSON.readTree(Files.readString(Path.of("docs/report-schema.json")));
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about a document, one line each; empty when it is valid. */
    static List<String> problems(JsonSchema schema, String json) {
        try {
            return schema.validate(JSON.readTree(json)).stream().map(Object::toString).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
