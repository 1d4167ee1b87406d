package org.hrgateway.search.index;

/**
 * How much of a text value the search index keeps. A B-tree entry holds at most about 2.7 KB, so a
 * 3,000-character lab comment, identifier or display would make PostgreSQL refuse the whole write
 * (SQLSTATE 54000). Index columns keep the first {@value #MAX_BYTES} bytes of UTF-8 instead (two such
 * values and the type and parameter names fit one entry), and searches compare the same prefix of the
 * value asked for: a search matches every value that agrees with it on that prefix. `:exact` string
 * search still compares the whole value, which is kept unindexed.
 */
public final class IndexedText {

    public static final int MAX_BYTES = 1024;

    private IndexedText() {
    }

    /** The indexed prefix of a value: at most {@value #MAX_BYTES} UTF-8 bytes, never half a character. */
    public static String cap(String value) {
        // Characters never outnumber bytes, and a character takes at most 3 bytes per UTF-16 unit.
        if (value == null || value.length() * 3 <= MAX_BYTES) {
            return value;
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_BYTES) {
                return value.substring(0, i);
            }
            bytes += size;
            i += Character.charCount(codePoint);
        }
        return value;
    }
}
