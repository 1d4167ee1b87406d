package org.hrgateway.cds;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of a card, in Chinese; `messages/cards_en.properties` has them in English. A hook call's
 * `Accept-Language` chooses (cds/OrderAdvice).
 */
@MessageBundle(value = "cards", locale = "zh")
public interface CardText {

    @Message("{item}：已有可互认的检验结果（有效期至 {validUntil}），可不必重复检验")
    String summary(String item, String validUntil);

    @Message("**结果**：{value}")
    String value(String value);

    @Message("**参考范围**：{range}")
    String range(String range);

    @Message("**检验时间**：{effective}")
    String effective(String effective);

    @Message("**检验机构**：{institution}")
    String institution(String institution);

    @Message("**结果所在**：{city} 的网关")
    String heldIn(String city);

    @Message("**互认有效期至**：{validUntil}")
    String validUntil(String validUntil);

    @Message("**互认标识**：HR")
    String mark();

    @Message("取消该医嘱，采用已有结果")
    String suggestion();

    @Message("撤销草稿医嘱 {order}")
    String removeOrder(String order);

    @Message("查看结果")
    String viewResult();

    @Message("HR 检验结果互认网关（{city}）")
    String source(String city);
}
