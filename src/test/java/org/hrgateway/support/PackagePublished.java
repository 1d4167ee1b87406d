package org.hrgateway.support;

import io.restassured.RestAssured;

/**
 * The profile package is published in the background after start (index extraction needs the
 * warmed FHIRPath engine); tests that read its resources wait for readiness, which reports it.
 */
public final class PackagePublished {

    private static final long TIMEOUT_MS = 60_000;

    private PackagePublished() {
    }

    public static void await() {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (RestAssured.given().basePath("/").get("/q/health/ready").statusCode() != 200) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("The profile package was not published within " + TIMEOUT_MS + " ms");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
