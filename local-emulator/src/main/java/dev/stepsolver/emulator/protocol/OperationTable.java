package dev.stepsolver.emulator.protocol;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The operations of a modeled service by their AWS names, each bound to the SDK's request builder
 * and a handler returning the SDK's response object. The protocol layer does all (de)serialization.
 */
public final class OperationTable {

    /** Handles one operation: the SDK request model in, the SDK response model out. */
    @FunctionalInterface
    public interface Handler<I, O extends SdkPojo> {
        /**
         * @throws AwsException for the errors AWS would return
         */
        O handle(I input, AwsCall call);
    }

    /**
     * One operation: its name, where its input builder comes from, its handler, and the input
     * members AWS requires (the SDK models of most services do not carry that trait).
     */
    public record Operation<I, O extends SdkPojo>(String name, Supplier<SdkPojo> inputBuilder, Handler<I, O> handler,
            Set<String> requiredMembers) {

        /** Runs the handler on an already-bound input object. */
        @SuppressWarnings("unchecked")
        public SdkPojo invoke(Object input, AwsCall call) {
            return handler.handle((I) input, call);
        }
    }

    private final Map<String, Operation<?, ?>> operations;

    private OperationTable(Map<String, Operation<?, ?>> operations) {
        this.operations = Map.copyOf(operations);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<Operation<?, ?>> find(String name) {
        return Optional.ofNullable(operations.get(name));
    }

    public Set<String> names() {
        return operations.keySet();
    }

    public static final class Builder {
        private final Map<String, Operation<?, ?>> operations = new LinkedHashMap<>();
        private String last;

        /**
         * Adds an operation.
         *
         * @param name the AWS operation name, e.g. {@code GetParameter}
         * @param input the SDK request's builder factory, e.g. {@code GetParameterRequest::builder}
         * @param handler the operation itself
         */
        public <I, O extends SdkPojo> Builder add(String name, Supplier<? extends SdkBuilder<?, I>> input,
                Handler<I, O> handler) {
            Supplier<SdkPojo> builders = () -> (SdkPojo) input.get();
            if (operations.putIfAbsent(name, new Operation<>(name, builders, handler, Set.of())) != null) {
                throw new IllegalArgumentException("operation " + name + " added twice");
            }
            last = name;
            return this;
        }

        /** Declares the input members (wire names) the operation added last requires. */
        public Builder require(String... members) {
            Operation<?, ?> operation = operations.get(last);
            if (operation == null) {
                throw new IllegalStateException("require() follows add()");
            }
            operations.put(last, withRequired(operation, Set.of(members)));
            return this;
        }

        private static <I, O extends SdkPojo> Operation<I, O> withRequired(Operation<I, O> operation,
                Set<String> members) {
            return new Operation<>(operation.name(), operation.inputBuilder(), operation.handler(), members);
        }

        public OperationTable build() {
            return new OperationTable(operations);
        }
    }
}
