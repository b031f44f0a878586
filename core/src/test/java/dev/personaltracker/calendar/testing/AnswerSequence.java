package dev.personaltracker.calendar.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WireMock response transformer that answers the n-th request of the stubs naming it ({@code .withTransformers(
 * AnswerSequence.NAME)}) with the n-th of a list of answers, and the last one after that, counted atomically.
 * <p>
 * For requests that arrive at once: WireMock's scenarios are not atomic, so two token refreshes racing each other
 * could both see one state, or neither match a stub (a 404 "Request was not matched" that failed a build once).
 * Register one instance with the server ({@code .extensions(sequence)}) and call {@link #answer} in each test.
 */
public final class AnswerSequence implements ResponseDefinitionTransformerV2 {

    /** The transformer's name, for {@code withTransformers}. */
    public static final String NAME = "answer-sequence";

    private volatile List<ResponseDefinition> answers = List.of();
    private final AtomicInteger served = new AtomicInteger();

    /**
     * Sets the answers, in order, and starts counting again.
     *
     * @param answers  the answers, at least one
     */
    public void answer(ResponseDefinitionBuilder... answers) {
        if (answers.length == 0) {
            throw new IllegalArgumentException("at least one answer");
        }
        this.answers = Arrays.stream(answers).map(ResponseDefinitionBuilder::build).toList();
        served.set(0);
    }

    /** @return how many requests were answered since the last {@link #answer} */
    public int served() {
        return served.get();
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        List<ResponseDefinition> current = answers;
        if (current.isEmpty()) {
            return event.getResponseDefinition();
        }
        return current.get(Math.min(served.getAndIncrement(), current.size() - 1));
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
