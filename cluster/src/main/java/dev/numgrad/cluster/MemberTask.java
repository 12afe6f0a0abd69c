package dev.numgrad.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.serialization.DataSerializable;
import java.util.concurrent.Callable;

/**
 * A task numgrad sends to a member: serialised by its own {@code writeData}/{@code readData}
 * (no Java serialisation, no factory to register), and handed the member it runs on, whose
 * {@link MemberRuntime} it uses.
 *
 * @param <T> what the task answers
 */
abstract class MemberTask<T> implements Callable<T>, DataSerializable, HazelcastInstanceAware {

    /** The member the task runs on; set by Hazelcast before {@link #call()}. */
    private transient HazelcastInstance member;

    @Override
    public final void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    /** The member the task runs on. */
    final HazelcastInstance member() {
        return member;
    }

    /** The runtime of the member the task runs on. */
    final MemberRuntime runtime() {
        return MemberRuntime.of(member);
    }
}
