package org.hrgateway.search.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A prefix as a range: every string starting with the prefix lies in it, and no other. */
class LikesTest {

    @Test
    void givenPrefixes_whenTheirUpperBoundIsTaken_thenItIsTheLastCodePointRaised() {
        assertEquals("zhanh", Likes.after("zhang"));
        assertEquals("王\u4E3E", Likes.after("王\u4E3D"));                         // 丽, then 举
        assertEquals("a\uE000", Likes.after("a\uD7FF"));                               // past the surrogates
        assertEquals("b", Likes.after("a" + new String(Character.toChars(0x10FFFF)))); // carried
        assertNull(Likes.after(new String(Character.toChars(0x10FFFF))));
        assertNull(Likes.after(""));
    }

    @Test
    void givenStrings_whenComparedAsPostgreSQLsPatternOperatorsDo_thenInTheRangeExactlyWhenTheyStartWithThePrefix() {
        String prefix = "王丽";
        String after = Likes.after(prefix);
        for (String value : List.of("王丽", "王丽华", "王丽" + new String(Character.toChars(0x10FFFF)) + "x", "王两", "王", "王丳",
                "丽", "wang", "王丽 a")) {
            boolean inRange = bytes(value).compareTo(bytes(prefix)) >= 0 && bytes(value).compareTo(bytes(after)) < 0;
            assertEquals(value.startsWith(prefix), inRange, value);
        }
        assertTrue(bytes("王丽华").compareTo(bytes(after)) < 0);
    }

    /** UTF-8 bytes as unsigned, compared as `~<~` compares them (memcmp). */
    private static String bytes(String value) {
        StringBuilder unsigned = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            unsigned.append((char) (b & 0xFF));
        }
        return unsigned.toString();
    }
}
