import java.nio.file.Files;
import java.nio.file.Path;

import dev.preflight.checks.repo.secrets.Planted;

/** Writes one made-up secret per built-in rule below DIR (the same files the tests plant). */
public class Plant {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        for (String[] file : Planted.files().values()) {
            Path target = dir.resolve(file[0]);
            Files.createDirectories(target.getParent());
            Files.writeString(target, file[1]);
        }
        System.out.println(Planted.files().size());
    }
}
