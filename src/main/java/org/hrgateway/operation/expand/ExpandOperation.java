package org.hrgateway.operation.expand;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hrgateway.operation.FhirOperation;
import org.hrgateway.operation.OperationInput;
import org.hrgateway.security.Access;
import org.hrgateway.security.Caller;
import org.hrgateway.security.Permission;
import org.hrgateway.terminology.TerminologySource;
import org.hrgateway.terminology.ValueSetExpander;

import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * `ValueSet/$expand` (https://hl7.org/fhir/R4/valueset-operation-expand.html) with `filter` (the
 * code or display contains the text, any case), `offset` and `count`; the answer is the ValueSet with
 * its expansion, `total` counting every match.
 */
@ApplicationScoped
public class ExpandOperation implements FhirOperation {

    private static final int DEFAULT_COUNT = 1000;

    private final TerminologySource source;
    private final ValueSetExpander expander;

    public ExpandOperation(TerminologySource source, ValueSetExpander expander) {
        this.source = source;
        this.expander = expander;
    }

    @Override
    public String definition() {
        return "http://hl7.org/fhir/OperationDefinition/ValueSet-expand";
    }

    @Override
    public void authorize(Caller caller, OperationInput input) {
        Access.require(caller, "ValueSet", Permission.READ);
    }

    @Override
    public Uni<Resource> invoke(OperationInput input) {
        String filter = input.string("filter").map(text -> text.toLowerCase(Locale.ROOT)).orElse(null);
        int offset = input.integer("offset").orElse(0);
        int count = input.integer("count").orElse(DEFAULT_COUNT);
        return source.valueSet(input.id(), input.resource("valueSet").map(ValueSet.class::cast).orElse(null),
                        input.string("url").orElse(null))
                .chain(valueSet -> expander.expand(valueSet).map(concepts -> {
                    List<ValueSetExpander.Concept> matching = filter == null ? concepts : concepts.stream()
                            .filter(c -> c.code().toLowerCase(Locale.ROOT).contains(filter)
                                    || c.display() != null && c.display().toLowerCase(Locale.ROOT).contains(filter))
                            .toList();
                    ValueSet expanded = valueSet.copy();
                    expanded.setCompose(null);
                    ValueSet.ValueSetExpansionComponent expansion = expanded.getExpansion();
                    expansion.setIdentifier("urn:uuid:" + UUID.randomUUID()).setTimestamp(new Date())
                            .setTotal(matching.size()).setOffset(offset);
                    if (filter != null) {
                        expansion.addParameter().setName("filter").setValue(new StringType(filter));
                    }
                    expansion.addParameter().setName("offset").setValue(new IntegerType(offset));
                    expansion.addParameter().setName("count").setValue(new IntegerType(count));
                    for (ValueSetExpander.Concept concept : ValueSetExpander.page(matching, offset, count)) {
                        expansion.addContains().setSystem(concept.system()).setCode(concept.code())
                                .setDisplay(concept.display());
                    }
                    return expanded;
                }));
    }
}
