package org.hrgateway;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class WarmUpCommandTest {

    @Test
    void givenReadyGateway_whenWarmUp_thenEveryRequestSucceeds() throws Exception {
        WarmUpCommand command = new WarmUpCommand();
        command.port = RestAssured.port;
        command.authorization = org.hrgateway.support.TestTokens.bearer();

        assertEquals(0, command.run("warm-up"));
    }

    @Test
    void givenNoGatewayAtPort_whenWarmUp_thenFails() {
        WarmUpCommand command = new WarmUpCommand();
        command.port = 1; // nothing listens there

        org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class, () -> command.run("warm-up"));
    }
}
