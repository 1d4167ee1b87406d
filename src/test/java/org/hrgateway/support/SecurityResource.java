package org.hrgateway.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** The test gateway trusts the keys of {@link TestTokens}: the suites run with security on. */
public class SecurityResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.gatewaySettings();
    }

    @Override
    public void stop() {
    }
}
