package net.voipbin.call.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import net.voipbin.call.model.AvailableNumber;

import java.util.List;

/** The operator's inventory; "available" = no live (not deleted) number row holds it. */
@ApplicationScoped
@WithSession
public class AvailableNumberRepository implements PanacheRepositoryBase<AvailableNumber, String> {

    private static final String UNOWNED =
            "not exists (select 1 from OwnedNumber n where n.number = a.number and n.tmDelete is null)";

    /**
     * The inventory row locked for update: buyers of one number (and its removal) queue here, so
     * the one that waited sees the winner's committed row and gets a clear ALREADY_EXISTS.
     */
    public Uni<AvailableNumber> lock(String e164) {
        return find("number = ?1", e164).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    /** Unowned inventory numbers in number order, optionally of one country (upper case). */
    public Uni<List<AvailableNumber>> listUnowned(String country, int limit) {
        Sort byNumber = Sort.ascending("number");
        var query = country == null || country.isEmpty()
                ? find("from AvailableNumber a where " + UNOWNED, byNumber)
                : find("from AvailableNumber a where a.country = ?1 and " + UNOWNED, byNumber, country);
        return query.page(0, limit).list();
    }
}
