package org.hrgateway.security;

/** What a SMART v2 scope grants on a resource type: `c`, `r`, `u`, `d`, `s` (create, read, update, delete, search). */
public enum Permission {
    CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

    private final char letter;

    Permission(char letter) {
        this.letter = letter;
    }

    public char letter() {
        return letter;
    }

    public static java.util.Set<Permission> all() {
        return java.util.EnumSet.allOf(Permission.class);
    }

    static Permission of(char letter) {
        for (Permission permission : values()) {
            if (permission.letter == letter) {
                return permission;
            }
        }
        return null;
    }
}
