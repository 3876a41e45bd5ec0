package org.resilientcircuit.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every relative link of README.md and docs/*.md leads somewhere: the file exists (relative to the page), and an
 * {@code #anchor} into a Markdown page names one of its headings, slugged as GitHub does (lower case, punctuation
 * but {@code -} and {@code _} dropped, spaces to {@code -}). Links with a scheme ({@code https:}) are not followed.
 * Fenced blocks and inline code are skipped.
 */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyRelativeLinkResolves() {
        Path root = Docs.root();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String page : Docs.pages()) {
            Path file = root.resolve(page);
            for (String line : prose(Docs.read(page))) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    String target = link.group(1);
                    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue;
                    }
                    links++;
                    int hash = target.indexOf('#');
                    String path = hash < 0 ? target : target.substring(0, hash);
                    String anchor = hash < 0 ? null : target.substring(hash + 1);
                    Path linked = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                    if (!Files.exists(linked)) {
                        broken.add(page + ": " + target + " (no file " + root.relativize(linked) + ")");
                    } else if (anchor != null && linked.toString().endsWith(".md")
                            && !anchors(Docs.read(root.relativize(linked).toString())).contains(anchor)) {
                        broken.add(page + ": " + target + " (no heading #" + anchor + " in " + root.relativize(linked) + ")");
                    }
                }
            }
        }
        assertTrue(links >= 20, "links were found: " + links);
        if (!broken.isEmpty()) {
            fail("broken links:\n  " + String.join("\n  ", broken));
        }
    }

    /** The page's lines outside fenced blocks. */
    private static List<String> prose(String text) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : text.lines().toList()) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                lines.add(line);
            }
        }
        return lines;
    }

    static Set<String> anchors(String text) {
        Set<String> anchors = new HashSet<>();
        for (String line : prose(text)) {
            if (line.startsWith("#")) {
                String heading = line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT);
                anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        }
        return anchors;
    }
}
