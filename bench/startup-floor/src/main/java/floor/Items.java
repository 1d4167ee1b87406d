package floor;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/items")
public class Items {

    private final Mutiny.SessionFactory sessions;

    public Items(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("{id}")
    public Uni<String> read(@PathParam("id") long id) {
        return sessions.withSession(session -> session.find(Item.class, id))
                .map(item -> item == null ? "" : item.name);
    }
}
