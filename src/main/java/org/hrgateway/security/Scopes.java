package org.hrgateway.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A token's SMART scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
 * v2 `{patient|user|system}/{Type|*}.{c,r,u,d,s}` and the v1 forms `.read` (= `.rs`), `.write`
 * (= `.cud`) and `.*` (= `.cruds`). Scopes the gateway does not understand (`openid`, `launch`,
 * v2 search-narrowed forms `...?code=x`) grant nothing.
 */
public final class Scopes {

    /** Whose data a scope is about: a patient's own (`patient/`), a user's (`user/`) or a system's. */
    public enum Context {
        PATIENT, USER, SYSTEM
    }

    /** One scope: its context, its resource type (`*` for all) and what it permits. */
    public record Grant(Context context, String type, Set<Permission> permissions) {

        boolean covers(String resourceType, Permission permission) {
            return (type.equals("*") || type.equals(resourceType)) && permissions.contains(permission);
        }
    }

    private final List<Grant> grants;

    private Scopes(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public static Scopes parse(String scope) {
        List<Grant> grants = new ArrayList<>();
        if (scope != null) {
            for (String part : scope.trim().split("\\s+")) {
                Grant grant = grant(part);
                if (grant != null) {
                    grants.add(grant);
                }
            }
        }
        return new Scopes(grants);
    }

    public List<Grant> grants() {
        return grants;
    }

    /** Whether some scope of `context` permits `permission` on `resourceType`. */
    public boolean allows(Context context, String resourceType, Permission permission) {
        return grants.stream().anyMatch(grant -> grant.context() == context && grant.covers(resourceType, permission));
    }

    public boolean has(Context context) {
        return grants.stream().anyMatch(grant -> grant.context() == context);
    }

    private static Grant grant(String scope) {
        int slash = scope.indexOf('/');
        int dot = scope.lastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || scope.indexOf('?') >= 0) {
            return null;
        }
        Context context = switch (scope.substring(0, slash)) {
            case "patient" -> Context.PATIENT;
            case "user" -> Context.USER;
            case "system" -> Context.SYSTEM;
            default -> null;
        };
        String type = scope.substring(slash + 1, dot);
        if (context == null || !(type.equals("*") || type.matches("[A-Z][A-Za-z]+"))) {
            return null;
        }
        Set<Permission> permissions = permissions(scope.substring(dot + 1));
        return permissions == null || permissions.isEmpty() ? null : new Grant(context, type, permissions);
    }

    /** v1 `read`, `write`, `*`, or v2 letters in the order c, r, u, d, s (each at most once). */
    private static Set<Permission> permissions(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "read" -> {
                return EnumSet.of(Permission.READ, Permission.SEARCH);
            }
            case "write" -> {
                return EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            }
            case "*" -> {
                return EnumSet.allOf(Permission.class);
            }
            default -> {
                // v2 requires the letters in this order; anything else is not a scope we grant on.
                if (!text.matches("c?r?u?d?s?")) {
                    return null;
                }
                Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                for (char letter : text.toCharArray()) {
                    permissions.add(Permission.of(letter));
                }
                return permissions;
            }
        }
    }

    @Override
    public String toString() {
        return grants.toString();
    }
}
