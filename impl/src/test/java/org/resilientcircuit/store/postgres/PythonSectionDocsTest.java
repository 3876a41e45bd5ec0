package org.resilientcircuit.store.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.resilientcircuit.spi.BreakerPhase;
import org.resilientcircuit.testing.Await;

/**
 * docs/python-and-java.md's "Python and Java services on one table", as written: the namespace of its properties
 * block, and each statement of its SQL block run against two instances of that namespace, which
 * follow the operator.
 */
class PythonSectionDocsTest {

    private static final String SECTION = "# Python and Java services on one table";
    private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

    private static TestDatabase db;
    private final List<StoreInstance> instances = new ArrayList<>();

    @BeforeAll
    static void createDatabase() {
        db = TestDatabase.create(PythonSectionDocsTest.class);
        db.applySchema();
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @AfterEach
    void closeInstances() {
        instances.forEach(StoreInstance::close);
    }

    @Test
    void theOperatorsStatementsOpenAndCloseTheBreakerOfEveryInstanceInTheNamespaceOfTheSection() throws IOException {
        String section = section();
        String namespace = property(blocks(section, "properties").get(0), "rc.namespace");
        List<String> sql = blocks(section, "sql");
        assertEquals(1, sql.size(), "one SQL block");
        String[] statements = sql.get(0).split(";\\s*\\n");
        assertEquals(2, statements.length, "open, then close");
        Matcher key = Pattern.compile("resource_key = '([^']+)'").matcher(statements[0]);
        assertTrue(key.find(), statements[0]);

        for (String name : List.of("java-1", "java-2")) {
            instances.add(new StoreInstance(db, StoreInstance.settings(namespace, name, 60_000, false, 1), key.group(1),
                    2, 60_000));
        }
        instances.get(0).call(0); // the row exists, as it does once a service has used the key

        db.execute(statements[0]);
        Await.until(() -> instances.stream().allMatch(i -> i.phase() == BreakerPhase.OPEN), 5,
                "every instance follows the UPDATE that opens (by notification: they poll once a minute)");
        assertEquals("rejected", instances.get(1).call(0));

        db.execute(statements[1]);
        Await.until(() -> instances.stream().allMatch(i -> i.phase() == BreakerPhase.CLOSED), 5,
                "every instance follows the UPDATE that closes");
        assertEquals("ok", instances.get(1).call(0));
    }

    private static String section() throws IOException {
        String page = Files.readString(page(), StandardCharsets.UTF_8);
        int start = page.indexOf(SECTION + "\n");
        assertTrue(start >= 0, "docs/python-and-java.md has the section " + SECTION);
        int end = page.indexOf("\n## ", start + SECTION.length() + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    private static Path page() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docs/python-and-java.md")) && Files.isDirectory(dir.resolve("impl"))) {
                return dir.resolve("docs/python-and-java.md");
            }
        }
        throw new AssertionError("no docs/python-and-java.md above " + here);
    }

    private static List<String> blocks(String section, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(section);
        while (block.find()) {
            if (block.group(1).equals(language)) {
                blocks.add(block.group(2));
            }
        }
        return blocks;
    }

    private static String property(String block, String key) {
        for (String line : block.split("\n")) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).strip();
            }
        }
        throw new AssertionError(key + " not in " + block);
    }
}
