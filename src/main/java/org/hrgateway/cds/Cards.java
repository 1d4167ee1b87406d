package org.hrgateway.cds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hrgateway.config.GatewayConfig;
import org.hrgateway.conformance.Designations;
import org.hrgateway.conformance.ProfilePackage;
import org.hrgateway.fhir.ReadableValues;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A card (https://cds-hooks.hl7.org/2.0/#card-attributes) for a draft order whose item has a
 * recognizable result: the item, the value, when and where it was done, until when it may be
 * recognized, the HR mark, a link to the result, a suggestion that removes the draft order, and the
 * package's reasons to re-test anyway (mr-decline-reason) for a clinician who declines.
 */
@ApplicationScoped
public class Cards {

    /** A result held here, with the institution that performed it (null when not held here). */
    record Detail(Observation observation, Organization lab) {
    }

    private static final String DECLINE_REASONS = "mr-decline-reason";

    private final ProfilePackage profiles;
    private final ZoneId zone;
    private final Optional<String> city;
    private final ObjectMapper json = new ObjectMapper();

    public Cards(ProfilePackage profiles, GatewayConfig config) {
        this.profiles = profiles;
        this.zone = config.defaultTimezone();
        this.city = config.city();
    }

    ObjectNode card(UUID uuid, ServiceRequest order, OrderAdvice.Recognizable found, Detail detail, String heldIn,
                    String baseUrl, String language) {
        CardText text = language.equals("en") ? MessageBundles.get(CardText.class, Localized.Literal.of("en"))
                : MessageBundles.get(CardText.class);
        String validUntil = format(found.validUntil());
        String orderReference = "ServiceRequest/" + order.getIdElement().getIdPart();
        ObjectNode card = json.createObjectNode()
                .put("uuid", uuid.toString())
                .put("summary", limit(text.summary(itemName(order, found, language), validUntil), 140))
                .put("detail", detail(text, detail, heldIn, validUntil))
                .put("indicator", "info")
                .put("selectionBehavior", "at-most-one");
        // The city's gateway, or where no city is configured (a single gateway), the base it answers at.
        card.putObject("source").put("label", text.source(city.orElse(baseUrl))).put("url", baseUrl);
        ObjectNode suggestion = card.putArray("suggestions").addObject()
                .put("label", text.suggestion())
                .put("uuid", UUID.randomUUID().toString())
                .put("isRecommended", true);
        ObjectNode action = suggestion.putArray("actions").addObject()
                .put("type", "delete")
                .put("description", text.removeOrder(orderReference));
        action.putArray("resourceId").add(orderReference);
        ArrayNode reasons = card.putArray("overrideReasons");
        for (CodeSystem.ConceptDefinitionComponent reason : declineReasons().getConcept()) {
            reasons.addObject().put("system", declineReasons().getUrl()).put("code", reason.getCode())
                    .put("display", Designations.display(reason, language));
        }
        card.putArray("links").addObject().put("label", text.viewResult()).put("url", page(found.result(), heldIn, baseUrl))
                .put("type", "absolute");
        return card;
    }

    /**
     * The result's page (view/ReportView): at this gateway's base where it is held here (named
     * relatively, or absolutely in a province), through its province base where another city holds it.
     */
    static String page(String result, String heldIn, String baseUrl) {
        if (!result.contains("://")) {
            return baseUrl + "/" + result + "?_format=html";
        }
        if (heldIn == null || heldIn.equals("?") || result.startsWith(baseUrl + "/")) {
            return result + "?_format=html";
        }
        String[] parts = result.split("/");
        return baseUrl + "/province/" + parts[parts.length - 2] + "/" + parts[parts.length - 1] + "?target-city="
                + heldIn + "&_format=html";
    }


    /** Markdown: the value, range, time and institution of the result; the city holding it where that is another. */
    private String detail(CardText text, Detail detail, String heldIn, String validUntil) {
        List<String> lines = new ArrayList<>();
        if (detail != null) {
            Observation observation = detail.observation();
            if (observation.hasValue()) {
                lines.add(text.value(value(observation)));
            }
            if (observation.hasReferenceRange()) {
                lines.add(text.range(ReadableValues.range(observation)));
            }
            if (observation.hasEffectiveDateTimeType()) {
                lines.add(text.effective(format(observation.getEffectiveDateTimeType().getValue().toInstant())));
            }
            if (detail.lab() != null && detail.lab().hasName()) {
                lines.add(text.institution(detail.lab().getName()));
            }
        }
        if (heldIn != null && !heldIn.equals("?")) {
            lines.add(text.heldIn(heldIn));
        }
        lines.add(text.validUntil(validUntil));
        // $recognize recognizes only a result that carries the recognition mark, or whose report does.
        lines.add(text.mark());
        return String.join("  \n", lines);
    }

    private String itemName(ServiceRequest order, OrderAdvice.Recognizable found, String language) {
        String code = found.item().substring(found.item().indexOf('|') + 1);
        return profiles.catalogue().item(code).map(item -> item.name(language))
                .orElseGet(() -> order.getCode().hasText() ? order.getCode().getText() : code);
    }

    private static String value(Observation observation) {
        String unit = ReadableValues.unit(observation);
        String flag = ReadableValues.flag(observation);
        return ReadableValues.value(observation) + (unit.isEmpty() ? "" : " " + unit) + (flag.isEmpty() ? "" : " (" + flag + ")");
    }

    private String format(Instant instant) {
        return ReadableValues.dateTime(instant, zone);
    }

    /** The package's reasons to re-test anyway (mr-decline-reason): a card's overrideReasons, what feedback may name. */
    CodeSystem declineReasons() {
        return profiles.resource(CodeSystem.class, DECLINE_REASONS).orElseThrow(() -> new IllegalStateException(
                "The profile package has no CodeSystem " + DECLINE_REASONS + ": the reasons to re-test are its data"));
    }

    private static String limit(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }
}
