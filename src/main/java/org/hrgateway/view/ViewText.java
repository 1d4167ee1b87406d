package org.hrgateway.view;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The report view's labels, in Chinese; `messages/view_en.properties` has them in English. Templates
 * use them as `{view:…}`, Java as this interface; the request's `Accept-Language` chooses.
 */
@MessageBundle(value = "view", locale = "zh")
public interface ViewText {

    @Message("检验报告")
    String report();

    @Message("检验结果")
    String result();

    @Message("机构等级")
    String level();

    @Message("患者")
    String patient();

    @Message("证件号")
    String residentId();

    @Message("性别")
    String gender();

    @Message("标本")
    String specimen();

    @Message("采集时间")
    String collected();

    @Message("报告时间")
    String issued();

    @Message("项目")
    String item();

    @Message("结果")
    String value();

    @Message("单位")
    String unit();

    @Message("参考范围")
    String range();

    @Message("提示")
    String flag();

    @Message("今日互认状态")
    String status();

    @Message("互认标识：该报告可在各医疗机构间互认")
    String markTitle();

    @Message("可互认，有效期至 {until}")
    String recognizableUntil(String until);

    @Message("可互认（另有更新的结果）")
    String newerResult();

    @Message("不可互认：{reason}")
    String notRecognizable(String reason);

    @Message("偏高")
    String high();

    @Message("偏低")
    String low();

    @Message("生成时间")
    String generated();

    @Message("FHIR 资源")
    String source();

    @Message("打印")
    String print();

    /** What follows a label: a full-width colon in Chinese. */
    @Message("：")
    String colon();

    @Message("男")
    String male();

    @Message("女")
    String female();

    @Message("其他")
    String otherSex();

    @Message("未知")
    String unknownSex();
}
