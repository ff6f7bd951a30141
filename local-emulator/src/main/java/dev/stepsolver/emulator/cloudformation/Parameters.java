package dev.stepsolver.emulator.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the parameters a caller gives (values, {@code UsePreviousValue}, nothing) into the
 * stack's parameter values, checked against their declarations, with Parameter Store types read
 * from the emulated SSM.
 */
final class Parameters {

    /** A value in Parameter Store: its type (String, StringList, SecureString) and value. */
    record StoredValue(String type, String value) {
    }

    /** Reads Parameter Store. */
    @FunctionalInterface
    interface ParameterStore {
        Optional<StoredValue> read(String name);
    }

    private Parameters() {
    }

    /**
     * @param previous the stack's values before this update (empty for a create)
     * @throws dev.stepsolver.emulator.protocol.AwsException ValidationError as CloudFormation words it
     */
    static Map<String, StackParameter> resolve(Template template, List<ParameterInput> given,
            Map<String, StackParameter> previous, ParameterStore store) {
        Map<String, ParameterInput> byKey = new LinkedHashMap<>();
        List<String> undeclared = new ArrayList<>();
        for (ParameterInput input : given) {
            if (!template.parameters().containsKey(input.key())) {
                undeclared.add(input.key());
            }
            byKey.put(input.key(), input);
        }
        if (!undeclared.isEmpty()) {
            throw Errors.validation("Parameters: " + undeclared + " do not exist in the template");
        }
        Map<String, StackParameter> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Template.ParameterDeclaration declaration : template.parameters().values()) {
            ParameterInput input = byKey.get(declaration.name());
            Optional<String> value;
            if (input != null && input.usePreviousValue()) {
                if (input.value().isPresent() && !input.value().get().isEmpty()) {
                    throw Errors.validation("Invalid input for parameter key " + input.key() + ". Cannot specify"
                            + " usePreviousValue as true and non empty value for a parameter");
                }
                StackParameter before = previous.get(input.key());
                if (before == null) {
                    throw Errors.validation("Invalid input for parameter key " + input.key() + ". Cannot specify"
                            + " usePreviousValue as true for a parameter key not in the previous template");
                }
                value = Optional.of(before.value());
            } else if (input != null && input.value().isPresent()) {
                value = input.value();
            } else {
                value = declaration.defaultValue();
            }
            if (value.isEmpty()) {
                missing.add(declaration.name());
                continue;
            }
            check(declaration, value.get());
            String resolved = declaration.fromParameterStore() ? readStore(declaration, value.get(), store) : null;
            values.put(declaration.name(), new StackParameter(declaration.name(), value.get(), resolved,
                    declaration.noEcho(), declaration.type()));
        }
        if (!missing.isEmpty()) {
            throw Errors.validation("Parameters: " + missing + " must have values");
        }
        return values;
    }

    /** What {@code Ref} of a parameter yields: a string, or a list for the list types. */
    static JsonNode refValue(Template.ParameterDeclaration declaration, StackParameter parameter) {
        if (!declaration.isList()) {
            return JsonNodeFactory.instance.textNode(parameter.effectiveValue());
        }
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        String value = parameter.effectiveValue();
        if (!value.isEmpty()) {
            for (String item : value.split(",", -1)) {
                list.add(declaration.type().equals("List<Number>") ? item.strip() : item);
            }
        }
        return list;
    }

    private static void check(Template.ParameterDeclaration declaration, String value) {
        String name = declaration.name();
        List<String> items = declaration.isList() && !declaration.fromParameterStore()
                ? List.of(value.split(",", -1)) : List.of(value);
        for (String item : items) {
            if (declaration.type().equals("Number") || declaration.type().equals("List<Number>")) {
                BigDecimal number;
                try {
                    number = new BigDecimal(item.strip());
                } catch (NumberFormatException e) {
                    throw Errors.validation("Parameter '" + name + "' must be a number.");
                }
                declaration.minValue().filter(min -> number.compareTo(min) < 0).ifPresent(min -> {
                    throw Errors.validation("Parameter '" + name + "' must be a number not less than "
                            + min.toPlainString());
                });
                declaration.maxValue().filter(max -> number.compareTo(max) > 0).ifPresent(max -> {
                    throw Errors.validation("Parameter '" + name + "' must be a number not greater than "
                            + max.toPlainString());
                });
            }
            if (!declaration.allowedValues().isEmpty() && !declaration.allowedValues().contains(item)) {
                throw Errors.validation("Parameter '" + name + "' must be one of AllowedValues");
            }
            if (declaration.allowedPattern().isPresent()) {
                boolean matches;
                try {
                    matches = Pattern.compile(declaration.allowedPattern().get()).matcher(item).matches();
                } catch (PatternSyntaxException e) {
                    throw Errors.validation("Template format error: AllowedPattern of parameter " + name
                            + " is not a valid regular expression");
                }
                if (!matches) {
                    throw Errors.validation("Parameter '" + name + "' must match pattern "
                            + declaration.allowedPattern().get());
                }
            }
            declaration.minLength().filter(min -> item.length() < min).ifPresent(min -> {
                throw Errors.validation("Parameter '" + name + "' must contain at least " + min + " characters");
            });
            declaration.maxLength().filter(max -> item.length() > max).ifPresent(max -> {
                throw Errors.validation("Parameter '" + name + "' must contain at most " + max + " characters");
            });
        }
    }

    private static String readStore(Template.ParameterDeclaration declaration, String name, ParameterStore store) {
        StoredValue stored = store.read(name).orElseThrow(() -> Errors.validation(
                "Unable to fetch parameters [" + name + "] from parameter store for this account."));
        if (stored.type().equals("SecureString")) {
            throw Errors.validation("Parameters [" + name + "] referenced by template have types not supported by"
                    + " CloudFormation.");
        }
        if (declaration.type().equals("AWS::SSM::Parameter::Value<String>") && stored.type().equals("StringList")) {
            throw Errors.validation("Parameter " + declaration.name() + " of type " + declaration.type()
                    + " cannot hold the StringList parameter " + name);
        }
        return stored.value();
    }
}
