package org.resilientcircuit.cdi.metrics;

import org.resilientcircuit.spi.StoreObserver;

/** Both metrics systems' store metrics at once. */
final class CompositeStoreObserver implements StoreObserver {

    private final StoreObserver first;
    private final StoreObserver second;

    CompositeStoreObserver(StoreObserver first, StoreObserver second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public void transitionWritten(String key) {
        first.transitionWritten(key);
        second.transitionWritten(key);
    }

    @Override
    public void transitionLost(String key) {
        first.transitionLost(key);
        second.transitionLost(key);
    }

    @Override
    public void changeReceived(String key, long delayMillis) {
        first.changeReceived(key, delayMillis);
        second.changeReceived(key, delayMillis);
    }

    @Override
    public void roundTrip(long nanos) {
        first.roundTrip(nanos);
        second.roundTrip(nanos);
    }

    @Override
    public void failed(String problem) {
        first.failed(problem);
        second.failed(problem);
    }

    @Override
    public void rowUnreadable(String key, String problem) {
        first.rowUnreadable(key, problem);
        second.rowUnreadable(key, problem);
    }

    @Override
    public void historyRestarted(String key) {
        first.historyRestarted(key);
        second.historyRestarted(key);
    }
}
