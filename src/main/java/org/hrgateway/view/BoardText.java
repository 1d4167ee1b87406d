package org.hrgateway.view;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The authority dashboard's labels, in Chinese; `messages/board_en.properties` has them in English.
 * Templates use them as `{board:…}`, Java as this interface; the request's `Accept-Language` chooses.
 */
@MessageBundle(value = "board", locale = "zh")
public interface BoardText {

    @Message("检验结果互认监测")
    String title();

    @Message("开始日期")
    String periodStart();

    @Message("结束日期")
    String periodEnd();

    @Message("城市")
    String city();

    @Message("机构")
    String institution();

    @Message("全部机构")
    String allInstitutions();

    @Message("专业类别")
    String category();

    @Message("全部类别")
    String allCategories();

    @Message("查询")
    String apply();

    @Message("互认率")
    String rate();

    @Message("已判定项目中可互认的比例")
    String rateNote();

    @Message("互认查询次数")
    String calls();

    @Message("查询项目数")
    String items();

    @Message("可互认")
    String recognized();

    @Message("不可互认")
    String notRecognized();

    @Message("非互认项目")
    String notApplicable();

    @Message("医生说明理由后复查")
    String declines();

    @Message("无理由重复检查")
    String unjustifiedRepeats();

    @Message("开单时采纳互认")
    String ordersReplaced();

    @Message("互认率趋势")
    String trend();

    @Message("项目判定")
    String itemsHeading();

    @Message("不可互认的原因")
    String notRecognizedReasons();

    @Message("复查的理由")
    String declineReasons();

    @Message("无理由重复检查：涉及的医嘱")
    String repeatsHeading();

    @Message("发现时间")
    String identified();

    @Message("项目")
    String orderedItem();

    @Message("开单机构")
    String orderingInstitution();

    @Message("医嘱")
    String order();

    @Message("开单时间")
    String ordered();

    @Message("可互认的已有结果")
    String earlierResult();

    @Message("查看报告")
    String viewReport();

    @Message("另有 {count} 条，见 CSV 导出")
    String moreRows(int count);

    @Message("{days} 天内到期的室间质评证书")
    String lapsingHeading(int days);

    @Message("到期日")
    String lapseEnd();

    @Message("剩余天数")
    String daysLeft();

    @Message("数量")
    String count();

    @Message("无")
    String none();

    @Message("导出全部数字（CSV）")
    String csvFigures();

    @Message("导出明细（CSV）")
    String csvRepeats();

    @Message("导出证书（CSV）")
    String csvCertifications();

    @Message("本市")
    String thisCity();

    @Message("FHIR 报告（MeasureReport）")
    String reportLink();

    @Message("范围")
    String scope();

    @Message("全省")
    String scopeProvince();

    @Message("各市")
    String byCity();

    @Message("部分城市未能统计，数字不完整")
    String incomplete();

    @Message("其他城市的医嘱明细见各市的监测页")
    String remoteRepeats();
}
