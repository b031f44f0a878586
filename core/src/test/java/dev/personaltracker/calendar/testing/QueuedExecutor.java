package dev.personaltracker.calendar.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;

/** An executor that queues tasks until the test runs them, in the test's thread: work happens exactly when asked. */
public final class QueuedExecutor implements Executor {

    private final Deque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    /**
     * Runs the queued tasks, and those they queue, until none is left.
     *
     * @return how many ran
     */
    public int runAll() {
        int n = 0;
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
            n++;
        }
        return n;
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
