package dev.personaltracker.calendar.caldav;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read as UTF-8 text, refused once it passes a size limit: a server that sends garbage without end
 * ends in an error, not in an exhausted heap.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

    private final HttpResponse.BodySubscriber<String> text = HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
    private final long limit;
    private long received;
    private Flow.Subscription subscription;
    private boolean refused;

    private LimitedBody(long limit) {
        this.limit = limit;
    }

    /** @return a handler whose bodies are refused past {@code limit} bytes */
    static HttpResponse.BodyHandler<String> handler(long limit) {
        return info -> new LimitedBody(limit);
    }

    /** The answer passed the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    @Override
    public CompletionStage<String> getBody() {
        return text.getBody();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        this.subscription = s;
        text.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (refused) {
            return;
        }
        for (ByteBuffer b : items) {
            received += b.remaining();
        }
        if (received > limit) {
            refused = true;
            subscription.cancel();
            text.onError(new TooLarge(limit));
            return;
        }
        text.onNext(items);
    }

    @Override
    public void onError(Throwable throwable) {
        if (!refused) {
            text.onError(throwable);
        }
    }

    @Override
    public void onComplete() {
        if (!refused) {
            text.onComplete();
        }
    }
}
