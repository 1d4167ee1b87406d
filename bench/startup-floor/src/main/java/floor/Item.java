package floor;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entity, so that Hibernate Reactive boots as it does in the gateway. */
@Entity
@Table(name = "floor_item")
public class Item {
    @Id
    public long id;
    public String name;
}
